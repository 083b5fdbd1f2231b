import { getPrincipal } from "@/lib/auth/auth";
import { downloadBillingPdf, isBillingDocKind } from "@/lib/billing/pdf/render";
import { isExpectedError } from "@/lib/core/errors";
import { log } from "@/lib/core/log";

export const dynamic = "force-dynamic";

/** Invoice, statement and superbill PDFs: served only as attachments, to staff in scope and the profile's users. */
export async function GET(_req: Request, { params }: { params: Promise<{ kind: string; id: string }> }) {
  const { kind, id } = await params;
  const principal = await getPrincipal();
  if (!principal) return new Response("Please sign in.", { status: 401 });
  if (!isBillingDocKind(kind)) return new Response("Not found", { status: 404 });
  try {
    const { filename, bytes } = await downloadBillingPdf(principal, kind, id);
    return new Response(new Uint8Array(bytes), {
      headers: {
        "Content-Type": "application/pdf",
        "Content-Disposition": `attachment; filename="${filename}"`,
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (e) {
    if (isExpectedError(e)) return new Response(e.status === 404 ? "Not found" : e.message, { status: e.status });
    log.error("billing pdf failed", e);
    return new Response("Something went wrong.", { status: 500 });
  }
}
