import Link from "next/link";
import { Pager } from "@/components/ui/pager";
import { requirePagePrincipal } from "@/lib/auth/guards";
import { listAuditActions, viewAuditLog } from "@/lib/dashboard/admin-logs";
import { actionLabel } from "@/lib/audit/details";
import { auditFilterHref, readAuditFilters } from "@/lib/audit/filters";
import { filterAuditLogAction } from "@/lib/audit/actions";
import { getPracticeSettings } from "@/lib/practice/settings";
import { formatDateTime } from "@/lib/core/time";
import { auditDetailFields } from "@/lib/audit/details";
import { buttonClass } from "@/components/ui/button";
import { readPageRequest } from "@/lib/core/keyset";

export const dynamic = "force-dynamic";
export const metadata = { title: "Audit log" };

const input = "min-h-11 w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base";

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const p = await requirePagePrincipal("admin");
  const sp = await searchParams;
  const { filters: f, staleSearch } = readAuditFilters(p, sp);
  const { page, invalid: staleCursor } = readPageRequest(sp);
  const [{ rows, newer, older }, practice] = await Promise.all([viewAuditLog(p, f, page), getPracticeSettings()]);
  const actions = listAuditActions(p);
  const tz = practice.timeZone;
  const error = typeof sp.error === "string" ? sp.error : null;
  const fieldError = (name: string, message: string) =>
    error === name ? (
      <p id={`a-${name}-error`} className="text-sm font-medium text-red-800">
        {message}
      </p>
    ) : null;
  const invalid = (name: string) =>
    error === name ? { "aria-invalid": true, "aria-describedby": `a-${name}-error` } : {};
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">Audit log</h1>
      {/* POST to a server action, not GET: a name or email typed here must never reach the URL. */}
      <form
        action={filterAuditLogAction}
        aria-label="Filter the audit log"
        className="grid grid-cols-1 gap-3 rounded-md border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-3"
      >
        <div className="flex flex-col gap-1">
          <label htmlFor="a-user" className="text-sm font-medium text-slate-800">
            User (email)
          </label>
          <input id="a-user" name="user" maxLength={254} defaultValue={f.user} className={input} {...invalid("user")} />
          {fieldError("user", "Enter at most 254 characters.")}
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="a-profile" className="text-sm font-medium text-slate-800">
            Client profile (name or ID)
          </label>
          <input
            id="a-profile"
            name="profile"
            maxLength={200}
            defaultValue={f.profile}
            className={input}
            {...invalid("profile")}
          />
          {fieldError("profile", "Enter at most 200 characters.")}
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="a-action" className="text-sm font-medium text-slate-800">
            Action
          </label>
          <select id="a-action" name="action" defaultValue={f.action} className={input} {...invalid("action")}>
            <option value="">Any action</option>
            {actions.map((a) => (
              <option key={a} value={a}>
                {actionLabel(a)}
              </option>
            ))}
          </select>
          {fieldError("action", "Choose an action from the list.")}
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="a-from" className="text-sm font-medium text-slate-800">
            From
          </label>
          <input id="a-from" name="from" type="date" defaultValue={f.from} className={input} />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="a-to" className="text-sm font-medium text-slate-800">
            To
          </label>
          <input id="a-to" name="to" type="date" defaultValue={f.to} className={input} />
        </div>
        <div className="flex flex-wrap items-end gap-2">
          <button type="submit" className={buttonClass("primary")}>
            Filter
          </button>
          <Link href="/admin/audit" className={buttonClass("secondary")}>
            Clear
          </Link>
        </div>
      </form>
      {staleSearch ? (
        <p role="status" className="text-sm text-slate-700">
          That filter link is no longer valid, so the user or profile filter was left out. Filter again above.
        </p>
      ) : null}
      {staleCursor ? (
        <p role="status" className="text-sm text-slate-700">
          That page link is no longer valid, so the newest entries are shown.
        </p>
      ) : null}
      <p className="text-sm text-slate-700">
        Times in {tz}. Dates filter whole days in that time zone.{" "}
        <a href={auditFilterHref(p, "/admin/audit/export", f)} className={buttonClass("link")} download>
          Export CSV
        </a>{" "}
        (with these filters; the export is itself recorded).
      </p>
      {rows.length === 0 ? (
        <p className="text-slate-700">No entries match.</p>
      ) : (
        <ol
          aria-label="Audit entries"
          className="divide-y divide-slate-200 rounded-md border border-slate-200 bg-white"
        >
          {rows.map((r) => (
            <li key={r.id} data-testid="audit-row" className="flex flex-col gap-1 px-4 py-3">
              <p className="font-medium text-slate-900">{r.sentence}</p>
              <p className="text-sm text-slate-700">
                <time dateTime={r.at.toISOString()}>{formatDateTime(r.at, tz)}</time>
              </p>
              <details className="text-sm text-slate-700">
                <summary className="inline-flex min-h-11 cursor-pointer items-center font-medium text-brand-800 underline underline-offset-2 sm:min-h-0">
                  Details
                </summary>
                <dl className="mt-1 grid grid-cols-1 gap-x-4 gap-y-1 break-words sm:grid-cols-[max-content_1fr]">
                  {auditDetailFields(r).map(([label, value], i) => (
                    <div key={i} className="contents">
                      <dt className="font-medium text-slate-800">{label}</dt>
                      <dd className="min-w-0 [overflow-wrap:anywhere]">{value}</dd>
                    </div>
                  ))}
                </dl>
              </details>
            </li>
          ))}
        </ol>
      )}
      <Pager
        newerHref={newer ? auditFilterHref(p, "/admin/audit", f, { before: newer }) : null}
        olderHref={older ? auditFilterHref(p, "/admin/audit", f, { after: older }) : null}
      />
    </div>
  );
}
