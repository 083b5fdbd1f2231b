import { z } from "zod";
import {
  dateField,
  dollarsField,
  icd10ListField,
  optionalDateField,
  memberIdField,
  textField,
  textOrBlank,
  uuidField,
} from "@/lib/core/validation";

/**
 * One zod schema per billing form, used by the browser and by the server action (docs/decisions.md, Code conventions: One schema per form). Dates,
 * money, ICD-10 codes, member IDs, text and ids use lib/core/validation's validators, the same as the profile form.
 */

const isoDate = dateField("a date");
const uuid = uuidField("Not found.");
/** Checkboxes arrive as a string (one ticked), an array (several) or nothing. */
const stringList = z
  .union([z.string().max(100), z.array(z.string().max(100)).max(200)], { error: "Choose from the list." })
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).map((s) => s.trim()).filter(Boolean));
const count = (what: string, max: number) =>
  z.coerce
    .number({ error: `Enter the ${what}.` })
    .int("Use a whole number.")
    .min(1, "At least 1.")
    .max(max, `At most ${max}.`);

export const PLACES_OF_SERVICE = [
  {
    code: "02",
    label: "02 — Telehealth, client not at home",
    hint: "Video or phone session while the client is somewhere other than their home (work, car, another location).",
  },
  {
    code: "10",
    label: "10 — Telehealth, client at home",
    hint: "Video or phone session while the client is in their own home.",
  },
  { code: "11", label: "11 — Office", hint: "In person at the practice's office." },
  { code: "12", label: "12 — Client's home (in person)", hint: "In person at the client's home." },
] as const;
export const PAYMENT_METHODS = [
  { value: "cash", label: "Cash" },
  { value: "cheque", label: "Check" },
  { value: "outside_card", label: "Card (outside terminal)" },
] as const;
export const paymentMethodLabel = (m: string) =>
  ({ cash: "Cash", cheque: "Check", outside_card: "Card (outside terminal)", card: "Card on file" })[m] ?? m;

const MODIFIER = /^[A-Z0-9]{2}$/;

export const serviceSchema = z.object({
  profileId: uuid,
  dateOfService: isoDate,
  cptCode: z
    .string({ error: "Choose a service code." })
    .trim()
    .regex(/^\d{5}$/, "Choose a service code."),
  modifiers: z
    .string({ error: "Modifiers are two letters or digits, like 95." })
    .max(40, "At most four modifiers.")
    .optional()
    .default("")
    .transform((s) =>
      s
        .toUpperCase()
        .split(/[\s,]+/)
        .filter(Boolean),
    )
    .refine((m) => m.length <= 4, "At most four modifiers.")
    .refine((m) => m.every((x) => MODIFIER.test(x)), "Modifiers are two letters or digits, like 95."),
  placeOfService: z.enum(["02", "10", "11", "12"], { message: "Choose the place of service." }),
  units: z.coerce
    .number({ message: "Enter the units." })
    .int("Units are whole numbers.")
    .min(1, "At least 1 unit.")
    .max(99, "At most 99 units."),
  fee: dollarsField("fee per unit"),
  diagnosisCodes: icd10ListField,
});
export type ServiceInput = z.output<typeof serviceSchema>;

export const serviceIdSchema = z.object({ serviceId: uuid });

export const createInvoiceSchema = z.object({
  profileId: uuid,
  serviceIds: stringList.pipe(
    z.array(uuidField("Choose services from the list.")).max(100, "At most 100 services on one invoice."),
  ),
});

export const manualLineSchema = z.object({
  invoiceId: uuid,
  description: textField(200, "The description", { required: "Describe the charge." }),
  units: count("quantity", 99),
  fee: dollarsField("amount"),
});

export const invoiceIdSchema = z.object({ invoiceId: uuid });

export const paymentSchema = z.object({
  invoiceId: uuid,
  amount: dollarsField("amount", { minCents: 1 }),
  method: z.enum(["cash", "cheque", "outside_card"], { message: "Choose how it was paid." }),
  receivedOn: isoDate,
  reference: textOrBlank(100, "The reference"),
});

/**
 * A statement's or superbill's period and the day it is "as of" (blank = today in the practice's zone; the
 * server refuses a day after today, which only it knows). docs/decisions.md, Money.
 */
const period = {
  profileId: uuid,
  periodStart: isoDate,
  periodEnd: isoDate,
  asOf: optionalDateField("the as-of date"),
};
const periodOrder = (v: { periodStart: string; periodEnd: string }) => v.periodStart <= v.periodEnd;
const asOfOrder = (v: { periodStart: string; asOf?: string }) => !v.asOf || v.asOf >= v.periodStart;
const asOfMessage = { message: "The as-of date is before the start of the period.", path: ["asOf"] };
export const statementSchema = z
  .object(period)
  .refine(periodOrder, { message: "The end date is before the start date.", path: ["periodEnd"] })
  .refine(asOfOrder, asOfMessage);
export const superbillSchema = z
  .object(period)
  .refine(periodOrder, { message: "The end date is before the start date.", path: ["periodEnd"] })
  .refine(asOfOrder, asOfMessage);

export const documentIdSchema = z.object({ id: uuid });

export const serviceCodeSchema = z.object({
  code: z
    .string({ error: "A CPT code is five digits." })
    .trim()
    .regex(/^\d{5}$/, "A CPT code is five digits."),
  description: textField(120, "The description", { required: "Describe the service." }),
  defaultFee: dollarsField("default fee"),
  active: z
    .union([z.literal("on"), z.literal("true"), z.literal("false"), z.boolean()])
    .optional()
    .transform((v) => v === "on" || v === "true" || v === true),
});

export const clientBillingSchema = z.object({
  profileId: uuid,
  diagnosisCodes: icd10ListField,
  // The same member-ID rule as the profile form (lib/profiles/schemas.ts).
  insuranceMemberId: memberIdField.optional().transform((v) => v ?? null),
});
