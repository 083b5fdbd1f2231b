"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/action";
import { payWithSavedCard, payWithTestCard, startStripeCardPayment } from "@/lib/payments/pay";
import { paySavedCardSchema, payTestCardSchema, startStripePaymentSchema } from "@/lib/payments/schemas";

/** Pay the balance due with a card on file. A decline returns its message; the invoice is unchanged. */
export const paySavedCardAction = defineAction({ schema: paySavedCardSchema, who: "client", name: "payments.paySavedCard" }, async (input, { principal, profile }) => {
  const r = await payWithSavedCard(principal, profile, input.invoiceId, input.paymentMethodId);
  revalidatePath("/portal/billing", "layout");
  return r;
});

/** Test mode: pay with a new card read in the browser (token, brand, last 4, expiry only). */
export const payTestCardAction = defineAction({ schema: payTestCardSchema, who: "client", name: "payments.payTestCard" }, async (input, { principal, profile }) => {
  const r = await payWithTestCard(principal, profile, input);
  revalidatePath("/portal/billing", "layout");
  return r;
});

/** Stripe: a PaymentIntent for the balance due, confirmed in the browser by the Payment Element. */
export const startStripePaymentAction = defineAction({ schema: startStripePaymentSchema, who: "client", name: "payments.startStripePayment" }, async (input, { principal, profile }) =>
  startStripeCardPayment(principal, profile, input),
);
