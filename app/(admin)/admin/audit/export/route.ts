import { getPrincipal } from "@/lib/auth/auth";
import { isAdmin } from "@/lib/core/principal";
import { exportAuditCsv } from "@/lib/dashboard/admin-logs";
import { readAuditFilters } from "@/lib/audit/filters";
import { now } from "@/lib/core/clock";

export const dynamic = "force-dynamic";

/** The audit log as CSV, with the page's filters (admin only; anyone else gets 404; the export is audited). */
export async function GET(request: Request) {
  const p = await getPrincipal();
  if (!p || !isAdmin(p)) return new Response("Not found", { status: 404 });
  const { csv } = await exportAuditCsv(p, readAuditFilters(p, new URL(request.url).searchParams).filters);
  const day = now().toISOString().slice(0, 10);
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="audit-log-${day}.csv"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
