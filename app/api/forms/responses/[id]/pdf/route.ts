import { z } from "zod";
import { defineRoute } from "@/lib/auth/route";
import { NotFoundError } from "@/lib/core/errors";
import { uuidField } from "@/lib/core/validation";
import { dateInZone } from "@/lib/core/time";
import { getResponse } from "@/lib/forms/responses";
import { renderResponsePdf } from "@/lib/forms/pdf";
import { getPracticeSettings } from "@/lib/practice/settings";

export const dynamic = "force-dynamic";

/**
 * PDF of a submitted response, for the clinician and the profile's users (docs/product.md, Forms: submitted responses download as a PDF). Served as an
 * attachment, never cached; the download is audited by getResponse (purpose "pdf"). Outsiders get 404.
 */
export const GET = defineRoute(
  {
    name: "form response pdf",
    who: "signed-in",
    origin: "not-cross-site",
    errors: "text",
    params: z.object({ id: uuidField() }),
  },
  async ({ principal, params }) => {
    const r = await getResponse(principal, params.id, { purpose: "pdf" });
    if (r.status !== "submitted") throw new NotFoundError();
    const practice = await getPracticeSettings();
    const pdf = await renderResponsePdf(r, practice.name, practice.timeZone);
    const day = dateInZone(r.submittedAt!, practice.timeZone);
    return new Response(new Uint8Array(pdf), {
      headers: {
        "Content-Type": "application/pdf",
        // No PHI in the file name.
        "Content-Disposition": `attachment; filename="form-response-${day}.pdf"`,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  },
);
