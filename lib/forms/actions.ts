"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/auth/action";
import {
  acknowledgeAlertSchema,
  responseIdSchema,
  sendFormsSchema,
  submitResponseSchema,
  templateSchema,
} from "@/lib/forms/schemas";
import { acknowledgeAlert, cancelResponse, remindResponse, sendForms, submitResponse } from "@/lib/forms/responses";
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
    revalidatePath("/dashboard", "layout");
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
  async ({ responseId, answers, bases }, { principal }) => {
    const r = await submitResponse(principal, responseId, answers, { bases });
    revalidatePath("/portal/forms");
    return r;
  },
);

/** "Remind" on a sent form: a new "forms to complete" email, at most once a day per form. */
export const remindResponseAction = defineAction(
  { schema: responseIdSchema, who: "staff", name: "forms.remind" },
  async ({ responseId }, { principal }) => {
    const r = await remindResponse(principal, responseId);
    revalidatePath("/dashboard/clients", "layout");
    return r;
  },
);

/** "Cancel" on a sent form: the client's to-do goes away; saved answers stay in the record. */
export const cancelResponseAction = defineAction(
  { schema: responseIdSchema, who: "staff", name: "forms.cancel" },
  async ({ responseId }, { principal }) => {
    const r = await cancelResponse(principal, responseId);
    revalidatePath("/dashboard/clients", "layout");
    return r;
  },
);
