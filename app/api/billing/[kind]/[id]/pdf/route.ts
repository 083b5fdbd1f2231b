import { z } from "zod";
import { defineRoute } from "@/lib/auth/route";
import { downloadBillingPdf } from "@/lib/billing/pdf/render";
import { uuidField } from "@/lib/core/validation";

export const dynamic = "force-dynamic";

const params = z.object({ kind: z.enum(["invoices", "statements", "superbills"]), id: uuidField() });

/** Invoice, statement and superbill PDFs: served only as attachments, to staff in scope and the profile's users. */
export const GET = defineRoute(
  { name: "billing pdf", who: "signed-in", origin: "not-cross-site", errors: "text", params },
  async ({ principal, params }) => {
    const { filename, bytes } = await downloadBillingPdf(principal, params.kind, params.id);
    return new Response(new Uint8Array(bytes), {
      headers: {
        "Content-Type": "application/pdf",
        "Content-Disposition": `attachment; filename="${filename}"`,
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  },
);
