import Link from "next/link";
import type { ResponseRow } from "@/lib/forms/responses";
import type { ActionResult } from "@/lib/auth/action";
import { ActionButton } from "@/components/ui/action-form";
import { formatDate } from "@/lib/core/time";

type RowAction<R> = (fd: FormData) => Promise<ActionResult<R>>;

/**
 * Form responses, each linking to its page with its score. "review" (dashboard home, across clients) names the
 * client in the link; "sent" (one client's forms page) adds where each form stands and when it was sent and is due
 * (days as the practice's time zone sees them).
 */
export function ResponseList({
  responses,
  variant,
  timeZone = "UTC",
  remindAction,
  cancelAction,
}: {
  responses: readonly ResponseRow[];
  variant: "review" | "sent";
  /** The practice's zone: sent, submitted and reminded instants are shown as its calendar days. */
  timeZone?: string;
  /** "sent": Remind and Cancel on forms the client has not submitted yet. */
  remindAction?: RowAction<{ reminded: number }>;
  cancelAction?: RowAction<{ cancelled: true }>;
}) {
  const sent = variant === "sent";
  const fmtDate = (d: Date | string) => formatDate(d, timeZone);
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
                : r.status === "cancelled"
                  ? `Canceled ${fmtDate(r.cancelledAt!)}${r.lastSavedAt ? " (answers saved so far are kept)" : ""}`
                  : r.lastSavedAt
                    ? `In progress (last saved by ${r.lastSavedByName})`
                    : "Not started"}
              {` · Sent ${fmtDate(r.createdAt)}`}
              {r.dueDate ? ` · Due ${fmtDate(r.dueDate)}` : ""}
              {r.status === "pending" && r.remindedAt ? ` · Reminded ${fmtDate(r.remindedAt)}` : ""}
            </p>
          ) : null}
          {sent && r.status === "pending" && (remindAction || cancelAction) ? (
            <div className="mt-2 flex flex-wrap items-start gap-3">
              {remindAction ? (
                <ActionButton
                  action={remindAction}
                  hidden={{ responseId: r.id }}
                  submitLabel="Remind"
                  pendingLabel="Sending…"
                  nameSuffix={`: ${r.title}`}
                  variant="secondary"
                  successMessage="Reminder sent."
                />
              ) : null}
              {cancelAction ? (
                <ActionButton
                  action={cancelAction}
                  hidden={{ responseId: r.id }}
                  submitLabel="Cancel form"
                  pendingLabel="Canceling…"
                  nameSuffix={`: ${r.title}`}
                  variant="secondary"
                  confirm="Cancel this form? The client will no longer see it. Answers saved so far are kept."
                />
              ) : null}
            </div>
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
