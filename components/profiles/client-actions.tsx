"use client";

import { useActionState } from "react";
import { archiveClientAction, reassignClientAction, restoreClientAction } from "@/lib/profiles/actions";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/auth/action";
import { FormError, Notice, SelectField } from "@/components/ui/form-controls";

export function ArchiveClientButton({ profileId, archived }: { profileId: string; archived: boolean }) {
  const [state, act, pending] = useActionState(async (_p: ActionResult<void> | null) => (archived ? restoreClientAction({ profileId }) : archiveClientAction({ profileId })), null);
  return (
    <form action={act} className="flex flex-col gap-2">
      {state && !state.ok ? <FormError message={state.error} /> : null}
      <Button type="submit" variant={archived ? "secondary" : "danger"} disabled={pending} className="self-start">
        {archived ? "Restore client" : "Archive client"}
      </Button>
    </form>
  );
}

export function ReassignClientForm({ profileId, currentClinicianId, clinicians }: { profileId: string; currentClinicianId: string; clinicians: { id: string; name: string | null; email: string }[] }) {
  const [state, act, pending] = useActionState(async (_p: ActionResult<void> | null, fd: FormData) => reassignClientAction(fd), null);
  const chosen = (state && !state.ok ? (state.values?.clinicianId as string | undefined) : undefined) ?? currentClinicianId;
  return (
    <form action={act} className="flex flex-col gap-3 rounded-md border border-slate-200 bg-white p-4">
      <input type="hidden" name="profileId" value={profileId} />
      {state?.ok ? <Notice>Client reassigned.</Notice> : null}
      {state && !state.ok && !state.fieldErrors ? <FormError message={state.error} /> : null}
      <SelectField label="Clinician" name="clinicianId" id="reassign-clinician" defaultValue={chosen} key={chosen} error={state && !state.ok ? state.fieldErrors?.clinicianId?.[0] : undefined}>
        {clinicians.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name ?? c.email}
          </option>
        ))}
      </SelectField>
      <Button type="submit" variant="secondary" disabled={pending} className="self-start">
        Reassign client
      </Button>
    </form>
  );
}
