import { defineRoute } from "@/lib/auth/route";
import { streamAuditCsv } from "@/lib/dashboard/admin-logs";
import { readAuditFilters } from "@/lib/audit/filters";
import { now } from "@/lib/core/clock";
import { todayInZone } from "@/lib/core/time";
import { getPracticeSettings } from "@/lib/practice/settings";

export const dynamic = "force-dynamic";

/** The audit log as CSV, with the page's filters (admin only; anyone else gets 404; the export is audited). */
export const GET = defineRoute(
  { name: "audit export", who: "admin", origin: "not-cross-site", errors: "text" },
  async ({ req, principal }) => {
    // The page's own filter reading (sealed names): an unreadable filter is dropped, as on the page.
    // Streamed in batches as the browser reads it (lib/dashboard/admin-logs.ts streamAuditCsv).
    const csv = await streamAuditCsv(principal, readAuditFilters(principal, new URL(req.url).searchParams).filters);
    const day = todayInZone(now(), (await getPracticeSettings()).timeZone);
    return new Response(csv, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="audit-log-${day}.csv"`,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  },
);
