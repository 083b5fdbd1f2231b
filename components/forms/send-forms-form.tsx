"use client";

import { ActionForm } from "@/components/ui/action-form";
import { ChoiceGroup, TextField } from "@/components/ui/form-controls";
import type { ActionResult } from "@/lib/auth/action";

type Template = { id: string; title: string };

/** Pick one or more templates and an optional due date (docs/product.md, Forms: sending and completing). */
export function SendFormsForm({
  profileId,
  templates,
  action,
}: {
  profileId: string;
  templates: Template[];
  action: (fd: FormData) => Promise<ActionResult<{ sent: number }>>;
}) {
  return (
    <ActionForm
      action={action}
      hidden={{ profileId }}
      submitLabel="Send forms"
      pendingLabel="Sending…"
      successMessage={(d) => `Sent ${d.sent} ${d.sent === 1 ? "form" : "forms"}. The client was emailed.`}
    >
      <ChoiceGroup
        name="templateIds"
        type="checkbox"
        legend="Forms to send"
        options={templates.map((t) => ({ value: t.id, label: t.title }))}
      />
      <TextField label="Due date (optional)" name="dueDate" type="date" />
    </ActionForm>
  );
}
