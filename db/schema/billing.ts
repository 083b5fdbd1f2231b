import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./users";
import { clientProfiles } from "./profiles";

/**
 * Billing (docs/product.md, Billing). Money is always integer cents. Totals, balances and invoice status are computed
 * in one place, lib/billing/money.ts, and written only by lib/billing (payments go through `recordPayment`).
 */

/** The practice's catalogue of service (CPT) codes with default fees, editable by the admin. */
export const serviceCodes = pgTable("service_codes", {
  code: text("code").primaryKey(),
  description: text("description").notNull(),
  defaultFeeCents: integer("default_fee_cents").notNull(),
  active: boolean("active").notNull().default(true),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
export type ServiceCode = typeof serviceCodes.$inferSelect;
export type NewServiceCode = typeof serviceCodes.$inferInsert;

/** Place of service codes we offer: 02 telehealth not at home, 10 telehealth at home, 11 office, 12 home. */
export const placeOfServiceEnum = pgEnum("place_of_service", ["02", "10", "11", "12"]);

/**
 * A service rendered to a profile. `diagnosisCodes` are pointers into the profile's ICD-10 codes (chosen from that
 * list); empty means the profile's primary diagnosis. `invoiceId` is set while the service sits on a non-void invoice.
 */
export const billingServices = pgTable(
  "billing_services",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    profileId: uuid("profile_id")
      .notNull()
      .references(() => clientProfiles.id, { onDelete: "cascade" }),
    clinicianId: uuid("clinician_id")
      .notNull()
      .references(() => users.id),
    dateOfService: date("date_of_service").notNull(),
    cptCode: text("cpt_code").notNull(),
    modifiers: text("modifiers").array().notNull().default([]),
    placeOfService: placeOfServiceEnum("place_of_service").notNull(),
    units: integer("units").notNull().default(1),
    /** Fee per unit; the charge is units × unitFeeCents (lib/billing/money.ts). */
    unitFeeCents: integer("unit_fee_cents").notNull(),
    diagnosisCodes: text("diagnosis_codes").array().notNull().default([]),
    invoiceId: uuid("invoice_id"),
    createdById: uuid("created_by_id").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("billing_services_profile_idx").on(t.profileId, t.dateOfService),
    index("billing_services_invoice_idx").on(t.invoiceId),
  ],
);
export type BillingService = typeof billingServices.$inferSelect;
export type NewBillingService = typeof billingServices.$inferInsert;

export const invoiceStatusEnum = pgEnum("invoice_status", ["draft", "sent", "partially_paid", "paid", "void"]);

/** Per-practice counters for document numbers (invoice numbers), incremented with one atomic upsert. */
export const billingCounters = pgTable("billing_counters", {
  name: text("name").primaryKey(),
  value: integer("value").notNull(),
});
export type BillingCounter = typeof billingCounters.$inferSelect;
export type NewBillingCounter = typeof billingCounters.$inferInsert;

export const invoices = pgTable(
  "invoices",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Sequential per practice (one deployment = one practice), shown as INV-0001. */
    number: integer("number").notNull(),
    profileId: uuid("profile_id")
      .notNull()
      .references(() => clientProfiles.id, { onDelete: "cascade" }),
    status: invoiceStatusEnum("status").notNull().default("draft"),
    /** Set when sent: the date the charge appears on statements. */
    issuedOn: date("issued_on"),
    dueOn: date("due_on"),
    /** Sum of the lines; recomputed by lib/billing whenever lines change (drafts only). */
    totalCents: integer("total_cents").notNull().default(0),
    /** Sum of the payments; maintained by recordPayment. */
    paidCents: integer("paid_cents").notNull().default(0),
    note: text("note"),
    createdById: uuid("created_by_id").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    voidedAt: timestamp("voided_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("invoices_number_uq").on(t.number), index("invoices_profile_idx").on(t.profileId, t.status)],
);
export type Invoice = typeof invoices.$inferSelect;
export type NewInvoice = typeof invoices.$inferInsert;

export const invoiceLines = pgTable(
  "invoice_lines",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    invoiceId: uuid("invoice_id")
      .notNull()
      .references(() => invoices.id, { onDelete: "cascade" }),
    /** The service this line bills, or null for a manual line. */
    serviceId: uuid("service_id").references(() => billingServices.id),
    position: integer("position").notNull().default(0),
    dateOfService: date("date_of_service"),
    cptCode: text("cpt_code"),
    description: text("description").notNull(),
    units: integer("units").notNull().default(1),
    unitFeeCents: integer("unit_fee_cents").notNull(),
    amountCents: integer("amount_cents").notNull(),
  },
  (t) => [index("invoice_lines_invoice_idx").on(t.invoiceId)],
);
export type InvoiceLine = typeof invoiceLines.$inferSelect;
export type NewInvoiceLine = typeof invoiceLines.$inferInsert;

export const paymentMethodEnum = pgEnum("payment_method", ["cash", "cheque", "outside_card", "card"]);

/** A payment against one invoice. Written only through lib/billing `recordPayment`, which updates the invoice. */
export const payments = pgTable(
  "payments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    invoiceId: uuid("invoice_id")
      .notNull()
      .references(() => invoices.id),
    profileId: uuid("profile_id")
      .notNull()
      .references(() => clientProfiles.id, { onDelete: "cascade" }),
    amountCents: integer("amount_cents").notNull(),
    method: paymentMethodEnum("method").notNull(),
    /** The date the money was received (statements use it). */
    receivedOn: date("received_on").notNull(),
    /** Cheque number or outside-terminal reference typed by staff. */
    reference: text("reference"),
    /** Provider id (e.g. a Stripe PaymentIntent); unique so a webhook retry never records twice. */
    externalId: text("external_id"),
    recordedById: uuid("recorded_by_id").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("payments_invoice_idx").on(t.invoiceId),
    index("payments_profile_idx").on(t.profileId, t.receivedOn),
    uniqueIndex("payments_external_uq").on(t.externalId),
  ],
);
export type Payment = typeof payments.$inferSelect;
export type NewPayment = typeof payments.$inferInsert;

export const billingDocStatusEnum = pgEnum("billing_doc_status", ["draft", "sent"]);

/** A statement for a period; `snapshot` freezes what was computed so a sent statement never changes. */
export const statements = pgTable(
  "statements",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    profileId: uuid("profile_id")
      .notNull()
      .references(() => clientProfiles.id, { onDelete: "cascade" }),
    periodStart: date("period_start").notNull(),
    periodEnd: date("period_end").notNull(),
    openingBalanceCents: integer("opening_balance_cents").notNull(),
    chargesCents: integer("charges_cents").notNull(),
    paymentsCents: integer("payments_cents").notNull(),
    closingBalanceCents: integer("closing_balance_cents").notNull(),
    snapshot: jsonb("snapshot").notNull(),
    status: billingDocStatusEnum("status").notNull().default("draft"),
    createdById: uuid("created_by_id").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [index("statements_profile_idx").on(t.profileId)],
);
export type Statement = typeof statements.$inferSelect;
export type NewStatement = typeof statements.$inferInsert;

/** A superbill for a period; generated only when complete, `snapshot` holds every field docs/product.md (Billing) lists. */
export const superbills = pgTable(
  "superbills",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    profileId: uuid("profile_id")
      .notNull()
      .references(() => clientProfiles.id, { onDelete: "cascade" }),
    periodStart: date("period_start").notNull(),
    periodEnd: date("period_end").notNull(),
    totalCents: integer("total_cents").notNull(),
    paidCents: integer("paid_cents").notNull(),
    snapshot: jsonb("snapshot").notNull(),
    status: billingDocStatusEnum("status").notNull().default("draft"),
    createdById: uuid("created_by_id").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [index("superbills_profile_idx").on(t.profileId)],
);
export type Superbill = typeof superbills.$inferSelect;
export type NewSuperbill = typeof superbills.$inferInsert;
