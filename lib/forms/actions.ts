"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/auth/action";
import { acknowledgeAlertSchema, sendFormsSchema, submitResponseSchema, templateSchema } from "@/lib/forms/schemas";
import { acknowledgeAlert, sendForms, submitResponse } from "@/lib/forms/responses";
import { saveTemplate } from "@/lib/forms/templates";

/** "Send forms" on the client page (docs/product.md, Forms: sending and completing). */
export const sendFormsAction = defineAction(
  { schema: sendFormsSchema, who: "staff", name: "forms.send" },
  async (input, { principal }) => {
    const r = await sendForms(principal, input);
    revalidatePath(`/dashboard/clients/${input.profileId}/forms`);
    return r;
  },
);

/** "Acknowledge" a safety alert (audited in the data layer). */
export const acknowledgeAlertAction = defineAction(
  { schema: acknowledgeAlertSchema, who: "staff", name: "forms.acknowledgeAlert" },
  async ({ alertId }, { principal }) => {
    await acknowledgeAlert(principal, alertId);
    revalidatePath("/dashboard");
    return { acknowledged: true };
  },
);

/** Builder "Save": a new version of the template (never changes forms already sent). */
export const saveTemplateAction = defineAction(
  { schema: templateSchema, who: "staff", name: "forms.saveTemplate" },
  async (input, { principal }) => {
    const r = await saveTemplate(principal, input);
    revalidatePath("/dashboard/forms");
    return r;
  },
);

/** Submit a form: the last answers are saved, the whole form is checked, then it locks (docs/product.md, Forms: once submitted, a response can no longer be changed). */
export const submitResponseAction = defineAction(
  { schema: submitResponseSchema, who: "client", name: "forms.submit" },
  async ({ responseId, answers }, { principal }) => {
    const r = await submitResponse(principal, responseId, answers);
    revalidatePath("/portal/forms");
    return r;
  },
);
