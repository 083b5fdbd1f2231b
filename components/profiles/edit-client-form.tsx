"use client";

import { updateClientAction } from "@/lib/profiles/actions";
import type { ClientProfileInput } from "@/lib/profiles/schemas";
import { ClientForm } from "@/components/profiles/client-form";

export function EditClientForm({
  profileId,
  defaults,
  clinicians,
  today,
}: {
  profileId: string;
  defaults: ClientProfileInput;
  clinicians: { id: string; name: string | null; email: string }[] | null;
  today: string;
}) {
  return (
    <ClientForm
      defaults={defaults}
      clinicians={clinicians}
      today={today}
      submitLabel="Save changes"
      onSubmitAction={(data) => updateClientAction({ profileId, data })}
    />
  );
}
