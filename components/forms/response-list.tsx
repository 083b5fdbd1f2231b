import Link from "next/link";
import type { ResponseRow } from "@/lib/forms/responses";
import { formatDate } from "@/lib/core/time";

/**
 * Form responses, each linking to its page with its score. "review" (dashboard home, across clients) names the
 * client in the link; "sent" (one client's forms page) adds where each form stands and when it was sent and is due
 * (days as the practice's time zone sees them).
 */
export function ResponseList(
  props: { responses: readonly ResponseRow[] } & ({ variant: "review" } | { variant: "sent"; timeZone: string }),
) {
  const { responses, variant } = props;
  const sent = variant === "sent";
  const fmtDate = (d: Date | string) => formatDate(d, props.variant === "sent" ? props.timeZone : "UTC");
  return (
    <ul className="flex flex-col gap-2">
      {responses.map((r) => (
        <li key={r.id} className="rounded-md border border-slate-300 p-3" data-testid={sent ? "sent-form" : undefined}>
          <Link
            href={`/dashboard/clients/${r.profileId}/forms/${r.id}`}
            className="font-semibold text-brand-800 underline underline-offset-2"
          >
            {sent ? r.title : `${r.profileName}: ${r.title}`}
          </Link>
          {sent ? (
            <p className="text-sm text-slate-800">
              {r.status === "submitted"
                ? `Submitted ${fmtDate(r.submittedAt!)}`
                : r.lastSavedAt
                  ? `In progress (last saved by ${r.lastSavedByName})`
                  : "Not started"}
              {` · Sent ${fmtDate(r.createdAt)}`}
              {r.dueDate ? ` · Due ${fmtDate(r.dueDate)}` : ""}
            </p>
          ) : null}
          {r.score !== null ? (
            <p className={sent ? "text-sm font-medium text-slate-900" : "text-sm text-slate-800"}>
              Total {r.score} · {r.band}
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
