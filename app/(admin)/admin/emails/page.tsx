import { Pager } from "@/components/ui/pager";
import { requirePagePrincipal } from "@/lib/auth/guards";
import { EMAIL_STATUSES } from "@/lib/audit/schemas";
import { EMAIL_COUNT_CAP, viewEmailLog } from "@/lib/dashboard/admin-logs";
import { emailLogHref, readEmailLogFilters } from "@/lib/audit/filters";
import { filterEmailLogAction } from "@/lib/audit/actions";
import { getPracticeSettings } from "@/lib/practice/settings";
import { formatDateTime } from "@/lib/core/time";
import { buttonClass } from "@/components/ui/button";
import { emailTransport } from "@/lib/email/transport";

export const dynamic = "force-dynamic";
export const metadata = { title: "Email log" };

const STATUS_LABEL = { pending: "Queued", sending: "Sending", sent: "Sent", failed: "Failed" } as const;
const input = "min-h-11 w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base";

/** Why did a client get no email? Status, tries and the provider's last error from the outbox; never the bodies. */
export default async function EmailLogPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const p = await requirePagePrincipal("admin");
  const sp = await searchParams;
  const { filters, staleSearch } = readEmailLogFilters(p, sp);
  const { to, status, page } = filters;
  const [{ rows, hasMore, counts }, practice] = await Promise.all([viewEmailLog(p, filters), getPracticeSettings()]);
  // Page links carry the recipient sealed again, never the address itself (lib/audit/filters.ts).
  const q = (n: number) => emailLogHref(p, { to, status, page: n });
  const toError = sp.error === "to" ? "Enter at most 254 characters." : null;
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">Email log</h1>
      {(() => {
        const transport = emailTransport();
        if (!transport)
          return (
            <p role="alert" className="rounded-md border border-red-700 bg-red-50 px-3 py-2 text-red-900">
              No email provider is configured, so nothing is being sent: messages stay queued until RESEND_API_KEY is
              set.
            </p>
          );
        return (
          <p className="text-sm text-slate-700">
            Delivered through{" "}
            {transport.name === "resend"
              ? "Resend"
              : "the built-in dev mailbox (local test set-up; no real email leaves this server)"}
            .
          </p>
        );
      })()}
      <ul className="flex flex-wrap gap-2 text-sm" aria-label="Totals">
        {EMAIL_STATUSES.map((s) => (
          <li key={s} className="rounded-full border border-slate-300 bg-white px-3 py-1">
            {STATUS_LABEL[s]}:{" "}
            <span data-testid={`email-count-${s}`}>
              {counts[s] > EMAIL_COUNT_CAP ? `${EMAIL_COUNT_CAP.toLocaleString("en-US")}+` : counts[s]}
            </span>
          </li>
        ))}
      </ul>
      {/* POST to a server action, not GET: an email address typed here must never reach the URL. */}
      <form
        action={filterEmailLogAction}
        aria-label="Filter the email log"
        className="flex flex-col gap-3 rounded-md border border-slate-200 bg-white p-4 sm:flex-row sm:items-end"
      >
        <div className="flex flex-1 flex-col gap-1">
          <label htmlFor="e-to" className="text-sm font-medium text-slate-800">
            Recipient
          </label>
          <input
            id="e-to"
            name="to"
            type="search"
            maxLength={254}
            defaultValue={to}
            className={input}
            aria-invalid={toError ? true : undefined}
            aria-describedby={toError ? "e-to-error" : undefined}
          />
          {toError ? (
            <p id="e-to-error" className="text-sm font-medium text-red-800">
              {toError}
            </p>
          ) : null}
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="e-status" className="text-sm font-medium text-slate-800">
            Status
          </label>
          <select id="e-status" name="status" defaultValue={status} className={input}>
            <option value="">Any status</option>
            {EMAIL_STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABEL[s]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className={buttonClass("secondary")}>
          Filter
        </button>
      </form>
      {staleSearch ? (
        <p role="status" className="text-sm text-slate-700">
          That filter link is no longer valid, so all recipients are shown. Filter again above.
        </p>
      ) : null}
      {rows.length === 0 ? (
        <p className="text-slate-700">No emails match.</p>
      ) : (
        <ul
          aria-label="Emails, newest first"
          className="divide-y divide-slate-200 rounded-md border border-slate-200 bg-white"
        >
          {rows.map((m) => (
            <li key={m.id} className="flex flex-col gap-1 px-4 py-3 text-sm" data-testid="email-row">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <span className="font-semibold text-slate-900">{m.subject}</span>
                <span className={m.status === "failed" ? "font-semibold text-red-800" : "text-slate-800"}>
                  {STATUS_LABEL[m.status]}
                </span>
              </div>
              <p className="text-slate-700">
                To {m.to} · queued {formatDateTime(m.createdAt, practice.timeZone)}
                {m.sentAt ? ` · sent ${formatDateTime(m.sentAt, practice.timeZone)}` : ""}
              </p>
              <p className="text-slate-700">
                Tries: {m.attempts}
                {m.status === "pending" && m.attempts > 0
                  ? ` · next try ${formatDateTime(m.nextAttemptAt, practice.timeZone)}`
                  : ""}
              </p>
              {m.lastError ? <p className="text-red-800">Last error: {m.lastError}</p> : null}
            </li>
          ))}
        </ul>
      )}
      <Pager newerHref={page > 1 ? q(page - 1) : null} olderHref={hasMore ? q(page + 1) : null} />
    </div>
  );
}
