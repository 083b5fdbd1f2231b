import { NextResponse, type NextRequest } from "next/server";
import { getPrincipal } from "@/lib/auth/auth";
import { isExpectedError } from "@/lib/core/errors";
import { getResponse } from "@/lib/forms/responses";
import { renderResponsePdf } from "@/lib/forms/pdf";
import { getPracticeSettings } from "@/lib/practice/settings";

export const dynamic = "force-dynamic";

/**
 * PDF of a submitted response, for the clinician and the profile's users (docs/product.md, Forms: submitted responses download as a PDF). Served as an
 * attachment, never cached; the download is audited by getResponse (purpose "pdf"). Outsiders get 404.
 */
export async function GET(_req: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const principal = await getPrincipal();
  if (!principal) return new NextResponse("Not found", { status: 404 });
  const { id } = await params;
  try {
    const r = await getResponse(principal, id, { purpose: "pdf" });
    if (r.status !== "submitted") return new NextResponse("Not found", { status: 404 });
    const practice = await getPracticeSettings();
    const pdf = await renderResponsePdf(r, practice.name);
    const day = r.submittedAt!.toISOString().slice(0, 10);
    return new NextResponse(new Uint8Array(pdf), {
      headers: {
        "Content-Type": "application/pdf",
        // No PHI in the file name.
        "Content-Disposition": `attachment; filename="form-response-${day}.pdf"`,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (e) {
    if (isExpectedError(e)) return new NextResponse("Not found", { status: 404 });
    throw e;
  }
}
