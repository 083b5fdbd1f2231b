"use client";

import { archiveClientAction, reassignClientAction, restoreClientAction } from "@/lib/profiles/actions";
import { ActionButton, ActionForm } from "@/components/ui/action-form";
import { SelectField } from "@/components/ui/form-controls";
import { ConfirmButton } from "@/components/ui/confirm-button";

export function ArchiveClientButton({ profileId, archived }: { profileId: string; archived: boolean }) {
  if (!archived)
    return (
      <ConfirmButton
        action={archiveClientAction}
        hidden={{ profileId }}
        submitLabel="Archive client"
        question="Archive this client?"
        consequence="Their portal users can no longer open this profile. Nothing is deleted, and you can restore the client later."
        className="flex flex-col items-start gap-2"
      />
    );
  return (
    <ActionButton
      action={restoreClientAction}
      hidden={{ profileId }}
      submitLabel="Restore client"
      variant="secondary"
      className="flex flex-col gap-2"
      buttonClassName="self-start"
      errorClassName="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm font-medium text-red-800"
    />
  );
}

export function ReassignClientForm({
  profileId,
  currentClinicianId,
  clinicians,
}: {
  profileId: string;
  currentClinicianId: string;
  clinicians: { id: string; name: string | null; email: string }[];
}) {
  return (
    <ActionForm
      action={reassignClientAction}
      hidden={{ profileId }}
      submitLabel="Reassign client"
      pendingLabel="Reassign client"
      variant="secondary"
      successMessage="Client reassigned."
      className="flex flex-col gap-3 rounded-md border border-slate-200 bg-white p-4"
    >
      <SelectField
        label="Clinician"
        name="clinicianId"
        id="reassign-clinician"
        defaultValue={currentClinicianId}
        options={clinicians.map((c) => ({ value: c.id, label: c.name ?? c.email }))}
      />
    </ActionForm>
  );
}
