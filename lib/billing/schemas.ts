import { z } from "zod";
import { parseDollars } from "./money";

/** One zod schema per billing form, used by the browser and by the server action (docs/decisions.md, Code conventions: One schema per form). */

const isoDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Enter a date.")
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), "Enter a valid date.");
const uuid = z.string().uuid("Not found.");
const dollars = (label: string) =>
  z
    .string()
    .trim()
    .min(1, `Enter the ${label}.`)
    .transform((s, ctx) => {
      const c = parseDollars(s);
      if (c === null) {
        ctx.addIssue({ code: "custom", message: `Enter the ${label} in dollars, like 150 or 150.00.` });
        return z.NEVER;
      }
      return c;
    });
/** Checkboxes arrive as a string (one ticked), an array (several) or nothing. */
const stringList = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).map((s) => s.trim()).filter(Boolean));

export const PLACES_OF_SERVICE = [
  { code: "02", label: "02 — Telehealth, client not at home", hint: "Video or phone session while the client is somewhere other than their home (work, car, another location)." },
  { code: "10", label: "10 — Telehealth, client at home", hint: "Video or phone session while the client is in their own home." },
  { code: "11", label: "11 — Office", hint: "In person at the practice's office." },
  { code: "12", label: "12 — Client's home (in person)", hint: "In person at the client's home." },
] as const;
export const PAYMENT_METHODS = [
  { value: "cash", label: "Cash" },
  { value: "cheque", label: "Cheque" },
  { value: "outside_card", label: "Card (outside terminal)" },
] as const;
export const paymentMethodLabel = (m: string) => ({ cash: "Cash", cheque: "Cheque", outside_card: "Card (outside terminal)", card: "Card on file" })[m] ?? m;

const MODIFIER = /^[A-Z0-9]{2}$/;
const ICD10 = /^[A-TV-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$/;

export const serviceSchema = z.object({
  profileId: uuid,
  dateOfService: isoDate,
  cptCode: z.string().trim().regex(/^\d{5}$/, "Choose a service code."),
  modifiers: z
    .string()
    .optional()
    .default("")
    .transform((s) => s.toUpperCase().split(/[\s,]+/).filter(Boolean))
    .refine((m) => m.length <= 4, "At most four modifiers.")
    .refine((m) => m.every((x) => MODIFIER.test(x)), "Modifiers are two letters or digits, like 95."),
  placeOfService: z.enum(["02", "10", "11", "12"], { message: "Choose the place of service." }),
  units: z.coerce.number({ message: "Enter the units." }).int("Units are whole numbers.").min(1, "At least 1 unit.").max(99, "At most 99 units."),
  fee: dollars("fee per unit"),
  diagnosisCodes: stringList,
});
export type ServiceInput = z.output<typeof serviceSchema>;

export const serviceIdSchema = z.object({ serviceId: uuid });

export const createInvoiceSchema = z.object({
  profileId: uuid,
  serviceIds: stringList.pipe(z.array(z.string().uuid())),
});

export const manualLineSchema = z.object({
  invoiceId: uuid,
  description: z.string().trim().min(1, "Describe the charge.").max(200, "Keep it under 200 characters."),
  units: z.coerce.number({ message: "Enter the quantity." }).int("Whole numbers only.").min(1, "At least 1.").max(99, "At most 99."),
  fee: dollars("amount"),
});

export const invoiceIdSchema = z.object({ invoiceId: uuid });

export const paymentSchema = z.object({
  invoiceId: uuid,
  amount: dollars("amount"),
  method: z.enum(["cash", "cheque", "outside_card"], { message: "Choose how it was paid." }),
  receivedOn: isoDate,
  reference: z.string().trim().max(100, "Keep it under 100 characters.").optional().default(""),
});

const period = {
  profileId: uuid,
  periodStart: isoDate,
  periodEnd: isoDate,
};
const periodOrder = (v: { periodStart: string; periodEnd: string }) => v.periodStart <= v.periodEnd;
export const statementSchema = z.object(period).refine(periodOrder, { message: "The end date is before the start date.", path: ["periodEnd"] });
export const superbillSchema = z.object(period).refine(periodOrder, { message: "The end date is before the start date.", path: ["periodEnd"] });

export const documentIdSchema = z.object({ id: uuid });

export const serviceCodeSchema = z.object({
  code: z.string().trim().regex(/^\d{5}$/, "A CPT code is five digits."),
  description: z.string().trim().min(1, "Describe the service.").max(120, "Keep it under 120 characters."),
  defaultFee: dollars("default fee"),
  active: z
    .union([z.literal("on"), z.literal("true"), z.literal("false"), z.boolean()])
    .optional()
    .transform((v) => v === "on" || v === "true" || v === true),
});

export const clientBillingSchema = z.object({
  profileId: uuid,
  diagnosisCodes: z
    .string()
    .optional()
    .default("")
    .transform((s) => s.toUpperCase().split(/[\s,]+/).filter(Boolean))
    .refine((c) => c.length <= 12, "At most 12 diagnosis codes.")
    .refine((c) => c.every((x) => ICD10.test(x)), "ICD-10 codes look like F41.1, separated by commas."),
  insuranceMemberId: z.string().trim().max(40, "Keep it under 40 characters.").optional().default(""),
});
