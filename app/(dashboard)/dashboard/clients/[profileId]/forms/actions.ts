"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/action";
import { acknowledgeAlertSchema, sendFormsSchema } from "@/lib/forms/schemas";
import { acknowledgeAlert, sendForms } from "@/lib/forms/responses";

/** "Send forms" on the client page (docs/product.md, Forms: sending and completing). */
export const sendFormsAction = defineAction({ schema: sendFormsSchema, who: "staff", name: "forms.send" }, async (input, { principal }) => {
  const r = await sendForms(principal, input);
  revalidatePath(`/dashboard/clients/${input.profileId}/forms`);
  return r;
});

/** "Acknowledge" a safety alert (audited in the data layer). */
export const acknowledgeAlertAction = defineAction({ schema: acknowledgeAlertSchema, who: "staff", name: "forms.acknowledgeAlert" }, async ({ alertId }, { principal }) => {
  await acknowledgeAlert(principal, alertId);
  revalidatePath("/dashboard");
  return { acknowledged: true };
});
