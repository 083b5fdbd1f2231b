import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { clientProfiles } from "./profiles";
import { invoices } from "./billing";
import { users } from "./users";

/**
 * Card on file and payments (docs/product.md, Payments; PCI SAQ A): card numbers never reach our server, so no
 * column here can hold one. We keep what the portal shows (brand, last 4, expiry) and the provider's ids.
 * `provider` is "stripe" or "test" (the local test mode), so switching modes never mixes ids.
 */

/** One payment-provider customer per client profile, created once (docs/decisions.md, Card on file and payments: Whose card). */
export const paymentCustomers = pgTable(
  "payment_customers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    profileId: uuid("profile_id")
      .notNull()
      .references(() => clientProfiles.id, { onDelete: "cascade" }),
    provider: text("provider", { enum: ["stripe", "test"] }).notNull(),
    providerCustomerId: text("provider_customer_id").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("payment_customers_profile_provider_uq").on(t.profileId, t.provider),
    uniqueIndex("payment_customers_provider_id_uq").on(t.providerCustomerId),
  ],
);
export type PaymentCustomer = typeof paymentCustomers.$inferSelect;
export type NewPaymentCustomer = typeof paymentCustomers.$inferInsert;

/**
 * A saved card: it belongs to the profile's paying user who added it (a guardian pays for a minor) and is used
 * for that profile's invoices. `isDefault` is per profile: the card staff charge when they "charge card on file".
 */
export const paymentMethods = pgTable(
  "payment_methods",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    profileId: uuid("profile_id")
      .notNull()
      .references(() => clientProfiles.id, { onDelete: "cascade" }),
    ownerUserId: uuid("owner_user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    customerId: uuid("customer_id")
      .notNull()
      .references(() => paymentCustomers.id, { onDelete: "cascade" }),
    provider: text("provider", { enum: ["stripe", "test"] }).notNull(),
    providerPaymentMethodId: text("provider_payment_method_id").notNull(),
    brand: text("brand").notNull(),
    last4: text("last4").notNull(),
    expMonth: integer("exp_month").notNull(),
    expYear: integer("exp_year").notNull(),
    isDefault: boolean("is_default").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("payment_methods_provider_id_uq").on(t.providerPaymentMethodId),
    index("payment_methods_profile_idx").on(t.profileId, t.ownerUserId),
  ],
);
export type PaymentMethod = typeof paymentMethods.$inferSelect;
export type NewPaymentMethod = typeof paymentMethods.$inferInsert;

/**
 * The client's authorisation to charge a card: the exact consent text they agreed to, when, who and from where.
 * Kept after the card is removed (evidence for disputes), so it snapshots brand and last 4 instead of a foreign key.
 */
export const cardAuthorizations = pgTable(
  "card_authorizations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    profileId: uuid("profile_id")
      .notNull()
      .references(() => clientProfiles.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    providerPaymentMethodId: text("provider_payment_method_id").notNull(),
    brand: text("brand").notNull(),
    last4: text("last4").notNull(),
    consentText: text("consent_text").notNull(),
    agreedAt: timestamp("agreed_at", { withTimezone: true }).notNull(),
    ip: text("ip"),
    userAgent: text("user_agent"),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [
    index("card_authorizations_profile_idx").on(t.profileId),
    index("card_authorizations_pm_idx").on(t.providerPaymentMethodId),
  ],
);
export type CardAuthorization = typeof cardAuthorizations.$inferSelect;
export type NewCardAuthorization = typeof cardAuthorizations.$inferInsert;

/** Webhook events already processed, by the provider's event id: a redelivered event changes nothing. */
export const paymentWebhookEvents = pgTable("payment_webhook_events", {
  id: text("id").primaryKey(),
  provider: text("provider", { enum: ["stripe", "test"] }).notNull(),
  type: text("type").notNull(),
  receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
});
export type PaymentWebhookEvent = typeof paymentWebhookEvents.$inferSelect;
export type NewPaymentWebhookEvent = typeof paymentWebhookEvents.$inferInsert;

/**
 * One attempt to pay an invoice. Its status follows the provider's webhooks; the billing payment is recorded
 * only when a `payment_intent.succeeded` event arrives (`billingPaymentId` set then, once).
 */
export const paymentIntents = pgTable(
  "payment_intents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    provider: text("provider", { enum: ["stripe", "test"] }).notNull(),
    providerIntentId: text("provider_intent_id").notNull(),
    invoiceId: uuid("invoice_id")
      .notNull()
      .references(() => invoices.id, { onDelete: "cascade" }),
    profileId: uuid("profile_id")
      .notNull()
      .references(() => clientProfiles.id, { onDelete: "cascade" }),
    /** Who started it: the paying client, or the staff member who charged the card on file. */
    initiatedByUserId: uuid("initiated_by_user_id").references(() => users.id),
    initiatedBy: text("initiated_by", { enum: ["client", "staff"] }).notNull(),
    paymentMethodId: uuid("payment_method_id").references(() => paymentMethods.id, { onDelete: "set null" }),
    amountCents: integer("amount_cents").notNull(),
    currency: text("currency").notNull().default("usd"),
    status: text("status", {
      enum: [
        "requires_payment_method",
        "requires_confirmation",
        "requires_action",
        "processing",
        "succeeded",
        "failed",
        "canceled",
      ],
    }).notNull(),
    failureMessage: text("failure_message"),
    brand: text("brand"),
    last4: text("last4"),
    /** Set when the client asked to save the new card; the time they agreed to the consent text. */
    saveCardConsentAt: timestamp("save_card_consent_at", { withTimezone: true }),
    billingPaymentId: text("billing_payment_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("payment_intents_provider_id_uq").on(t.providerIntentId),
    index("payment_intents_invoice_idx").on(t.invoiceId),
  ],
);
export type PaymentIntentRow = typeof paymentIntents.$inferSelect;
export type NewPaymentIntentRow = typeof paymentIntents.$inferInsert;

/**
 * The local test mode's own card store: what Stripe keeps for a PaymentMethod, minus anything sensitive (the
 * browser never sends a number, only a random token, brand, last 4 and expiry). Used only when no keys are set.
 */
export const testModeCards = pgTable("test_mode_cards", {
  id: text("id").primaryKey(),
  providerCustomerId: text("provider_customer_id"),
  brand: text("brand").notNull(),
  last4: text("last4").notNull(),
  expMonth: integer("exp_month").notNull(),
  expYear: integer("exp_year").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
export type TestModeCard = typeof testModeCards.$inferSelect;
export type NewTestModeCard = typeof testModeCards.$inferInsert;
