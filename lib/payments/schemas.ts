import { z } from "zod";
import { dollarsField, parseDollars, uuidField } from "@/lib/core/validation";
import { clientPaymentProblem } from "@/lib/billing/money";

/** One zod schema per form (docs/decisions.md, Code conventions: One schema per form). No schema here has a field for a card number or CVC. */
const uuid = uuidField("Choose a card.");
const consent = z
  .union([z.literal("on"), z.literal("true"), z.literal(true)])
  .optional()
  .refine((v) => v !== undefined, "Check the box to authorize saving and charging this card.");

/** Test mode: what the local card form sends after reading the card in the browser. */
export const testCardSchema = z.object({
  token: z
    .string({ error: "The card form did not finish. Please try again." })
    .regex(/^[A-Za-z0-9_-]{16,64}$/, "The card form did not finish. Please try again."),
  brand: z.enum(["visa", "mastercard", "amex", "discover", "unknown"]),
  last4: z
    .string({ error: "The card form did not finish. Please try again." })
    .regex(/^\d{4}$/, "The card form did not finish. Please try again."),
  expMonth: z.coerce.number().int().min(1).max(12),
  expYear: z.coerce.number().int().min(2000).max(2100),
});

export const addTestCardSchema = testCardSchema.extend({ consent, replaces: uuid.optional() });
export type AddTestCardInput = z.input<typeof addTestCardSchema>;

/** Stripe: the SetupIntent is created when the client presses Save, after agreeing (deferred intent creation). */
export const startStripeSetupSchema = z.object({ consent, replaces: uuid.optional() });
export const finishStripeSetupSchema = z.object({
  setupIntentId: z
    .string({ error: "The card could not be saved. Please try again." })
    .max(200)
    .regex(/^seti_[A-Za-z0-9_]+$/, "The card could not be saved. Please try again."),
  replaces: uuid.optional(),
});

export const cardIdSchema = z.object({ paymentMethodId: uuid });

/**
 * How much of the balance the client pays (partial payments, docs/decisions.md "Money"): dollars as typed, checked
 * against the balance the page showed; the server checks again against the locked invoice. Optional on the wire
 * (absent = the whole balance) so an older page still pays in full.
 */
const amount = dollarsField("amount", { minCents: 1 }).optional();

/** The pay form's amount field in the browser: the same rule as the server, for the balance on the page. */
export function payAmountSchema(balanceCents: number) {
  return z.object({
    amount: z
      .string()
      .trim()
      .superRefine((v, ctx) => {
        const cents = parseDollars(v);
        const problem =
          v === ""
            ? "Enter the amount to pay."
            : cents === null
              ? "Enter the amount in dollars, like 40 or 40.00."
              : clientPaymentProblem(balanceCents, cents);
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      }),
  });
}

export const paySavedCardSchema = z.object({ invoiceId: uuidField(), paymentMethodId: uuid, amount });

const saveCard = z
  .union([z.literal("on"), z.literal("true"), z.literal(true), z.literal(""), z.literal(false)])
  .optional()
  .transform((v) => v === "on" || v === "true" || v === true);
export const payTestCardSchema = testCardSchema.extend({ invoiceId: uuidField(), saveCard, amount });
export type PayTestCardInput = z.input<typeof payTestCardSchema>;
export const startStripePaymentSchema = z.object({ invoiceId: uuidField(), saveCard, amount });

export const staffChargeSchema = z.object({
  invoiceId: uuidField(),
  // Dollars as typed ("120", "$1,200.50") → exact integer cents (billing's parser: no floats).
  amount: dollarsField("amount", { minCents: 1 }),
});
export type StaffChargeInput = z.input<typeof staffChargeSchema>;
