"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/auth/action";
import {
  addTestCard,
  finishStripeCardSetup,
  removeCard,
  setDefaultCard,
  startStripeCardSetup,
} from "@/lib/payments/cards";
import {
  addTestCardSchema,
  cardIdSchema,
  finishStripeSetupSchema,
  paySavedCardSchema,
  payTestCardSchema,
  staffChargeSchema,
  startStripePaymentSchema,
  startStripeSetupSchema,
} from "@/lib/payments/schemas";
import { chargeCardOnFile, payWithSavedCard, payWithTestCard, startStripeCardPayment } from "@/lib/payments/pay";

const PAGE = "/portal/billing/payment-method";

/** Test mode: token, brand, last 4 and expiry from the browser's card form; never a number. */
export const addTestCardAction = defineAction(
  { schema: addTestCardSchema, who: "client", name: "payments.addTestCard" },
  async (input, { principal, profile }) => {
    const card = await addTestCard(principal, profile, input);
    revalidatePath(PAGE);
    return { id: card.id };
  },
);

export const startStripeSetupAction = defineAction(
  { schema: startStripeSetupSchema, who: "client", name: "payments.startStripeSetup" },
  async (input, { principal, profile }) => startStripeCardSetup(principal, profile, input.replaces),
);

export const finishStripeSetupAction = defineAction(
  { schema: finishStripeSetupSchema, who: "client", name: "payments.finishStripeSetup" },
  async (input, { principal, profile }) => {
    const card = await finishStripeCardSetup(principal, profile, input.setupIntentId);
    revalidatePath(PAGE);
    return { id: card.id };
  },
);

export const setDefaultCardAction = defineAction(
  { schema: cardIdSchema, who: "client", name: "payments.setDefault" },
  async (input, { principal, profile }) => {
    await setDefaultCard(principal, profile, input.paymentMethodId);
    revalidatePath(PAGE);
  },
);

export const removeCardAction = defineAction(
  { schema: cardIdSchema, who: "client", name: "payments.removeCard" },
  async (input, { principal, profile }) => {
    await removeCard(principal, profile, input.paymentMethodId);
    revalidatePath(PAGE);
  },
);

/** Pay the balance due with a card on file. A decline returns its message; the invoice is unchanged. */
export const paySavedCardAction = defineAction(
  { schema: paySavedCardSchema, who: "client", name: "payments.paySavedCard" },
  async (input, { principal, profile }) => {
    const r = await payWithSavedCard(principal, profile, input.invoiceId, input.paymentMethodId, input.amount);
    revalidatePath("/portal", "layout");
    return r;
  },
);

/** Test mode: pay with a new card read in the browser (token, brand, last 4, expiry only). */
export const payTestCardAction = defineAction(
  { schema: payTestCardSchema, who: "client", name: "payments.payTestCard" },
  async (input, { principal, profile }) => {
    const r = await payWithTestCard(principal, profile, input);
    revalidatePath("/portal", "layout");
    return r;
  },
);

/** Stripe: a PaymentIntent for the balance due, confirmed in the browser by the Payment Element. */
export const startStripePaymentAction = defineAction(
  { schema: startStripePaymentSchema, who: "client", name: "payments.startStripePayment" },
  async (input, { principal, profile }) => startStripeCardPayment(principal, profile, input),
);

/** Staff charge the client's default card on file for an invoice (docs/product.md, Payments; docs/decisions.md, Card on file and payments: Whose card). */
export const chargeCardOnFileAction = defineAction(
  { schema: staffChargeSchema, who: "staff", name: "payments.chargeCardOnFile" },
  async (input, { principal }) => {
    const r = await chargeCardOnFile(principal, { invoiceId: input.invoiceId, amountCents: input.amount });
    revalidatePath("/dashboard", "layout");
    return r;
  },
);
