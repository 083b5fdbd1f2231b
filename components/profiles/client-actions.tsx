"use client";

import { archiveClientAction, reassignClientAction, restoreClientAction } from "@/lib/profiles/actions";
import { ActionButton, ActionForm } from "@/components/ui/action-form";
import { SelectField } from "@/components/ui/form-controls";

export function ArchiveClientButton({ profileId, archived }: { profileId: string; archived: boolean }) {
  return (
    <ActionButton
      action={archived ? restoreClientAction : archiveClientAction}
      hidden={{ profileId }}
      submitLabel={archived ? "Restore client" : "Archive client"}
      variant={archived ? "secondary" : "danger"}
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
