"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/action";
import { addTestCard, finishStripeCardSetup, removeCard, setDefaultCard, startStripeCardSetup } from "@/lib/payments/cards";
import { addTestCardSchema, cardIdSchema, finishStripeSetupSchema, startStripeSetupSchema } from "@/lib/payments/schemas";

const PAGE = "/portal/billing/payment-method";

/** Test mode: token, brand, last 4 and expiry from the browser's card form; never a number. */
export const addTestCardAction = defineAction({ schema: addTestCardSchema, who: "client", name: "payments.addTestCard" }, async (input, { principal, profile }) => {
  const card = await addTestCard(principal, profile, input);
  revalidatePath(PAGE);
  return { id: card.id };
});

export const startStripeSetupAction = defineAction({ schema: startStripeSetupSchema, who: "client", name: "payments.startStripeSetup" }, async (input, { principal, profile }) =>
  startStripeCardSetup(principal, profile, input.replaces),
);

export const finishStripeSetupAction = defineAction({ schema: finishStripeSetupSchema, who: "client", name: "payments.finishStripeSetup" }, async (input, { principal, profile }) => {
  const card = await finishStripeCardSetup(principal, profile, input.setupIntentId);
  revalidatePath(PAGE);
  return { id: card.id };
});

export const setDefaultCardAction = defineAction({ schema: cardIdSchema, who: "client", name: "payments.setDefault" }, async (input, { principal, profile }) => {
  await setDefaultCard(principal, profile, input.paymentMethodId);
  revalidatePath(PAGE);
});

export const removeCardAction = defineAction({ schema: cardIdSchema, who: "client", name: "payments.removeCard" }, async (input, { principal, profile }) => {
  await removeCard(principal, profile, input.paymentMethodId);
  revalidatePath(PAGE);
});
