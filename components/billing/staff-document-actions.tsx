import type { ActionResult } from "@/lib/auth/action";
import { TextField } from "@/components/ui/form-controls";
import { ActionForm } from "@/components/ui/action-form";
import { periodLabel, type Period } from "@/components/billing/billing-list";

type StaffAction = (fd: FormData) => Promise<ActionResult<unknown>>;

/**
 * What staff can do with a statement or superbill in the list (components/billing/billing-list.tsx): send a draft to
 * the client, and "Regenerate as of": a new document for the same period, reflecting what happened up to the chosen
 * day (a sent document stays as it was: docs/decisions.md, Billing: Sent documents are frozen; Money: as of).
 */
export function StaffDocumentActions({
  item,
  what,
  send,
  regenerate,
}: {
  item: Period;
  what: "statement" | "superbill";
  send: StaffAction;
  /** Makes a new document for the same period as of a chosen day (today by default). */
  regenerate?: { action: StaffAction; profileId: string; today: string };
}) {
  const period = periodLabel(item);
  return (
    <>
      {item.status === "draft" ? (
        <ActionForm
          action={send}
          hidden={{ id: item.id }}
          submitLabel={`Send ${what} to client`}
          pendingLabel="Sending…"
          className="flex flex-col gap-1"
        />
      ) : null}
      {regenerate ? (
        <ActionForm
          action={regenerate.action}
          hidden={{ profileId: regenerate.profileId, periodStart: item.periodStart, periodEnd: item.periodEnd }}
          submitLabel="Regenerate"
          nameSuffix={` ${what} for ${period}`}
          pendingLabel="Regenerating…"
          variant="secondary"
          successMessage={`A new ${what} was made.`}
          className="flex flex-wrap items-end gap-2"
        >
          <TextField
            name="asOf"
            label={`As of (${what} for ${period})`}
            type="date"
            max={regenerate.today}
            defaultValue={regenerate.today}
          />
        </ActionForm>
      ) : null}
    </>
  );
}
