import { z } from "zod";
import { now } from "./clock";

/**
 * Field formats shared by the browser and the server: ONE validator per kind of value (docs/decisions.md
 * "Validators"), used by every lib/<domain>/schemas.ts and by lib/forms/answer-schema.ts. Pure functions: no
 * server-only, so the same zod schema validates in react-hook-form and in the server action. Anything these let
 * through must also be accepted by PostgreSQL: a value that passes here and fails in the database is a bug
 * (real calendar dates only, no NUL bytes, UUIDs the uuid type accepts).
 */

/** Luhn's checksum over a string of digits (card numbers, and the NPI's check digit below). */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/**
 * NPI check digit: the Luhn formula over the 9 identifier digits prefixed with 80840 (the NPI standard's
 * card-issuer prefix), as CMS "Requirements for NPI check digit" defines it.
 */
export function isValidNpi(value: string): boolean {
  return /^\d{10}$/.test(value) && luhnValid(`80840${value}`);
}

/** EIN: 9 digits, shown as NN-NNNNNNN. Returns the normalised form or null. */
export function normalizeEin(value: string): string | null {
  const m = /^(\d{2})-?(\d{7})$/.exec(value.trim());
  if (!m) return null;
  if (m[1] === "00") return null;
  return `${m[1]}-${m[2]}`;
}

/**
 * ICD-10-CM code format: a letter, a digit, a digit or letter, then optionally a dot and 1–4 more characters
 * (F41.1, F32.A, S52.521A). A code typed without the dot gets it (F411 → F41.1). Returns null if malformed.
 */
export function normalizeIcd10(value: string): string | null {
  let v = value.trim().toUpperCase();
  if (/^[A-Z][0-9][0-9A-Z][0-9A-Z]{1,4}$/.test(v)) v = `${v.slice(0, 3)}.${v.slice(3)}`;
  return /^[A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{1,4})?$/.test(v) ? v : null;
}

/** The years a date may have anywhere in Haven (birth dates from 1900, billing and due dates up to 2100). */
export const DATE_YEARS = { min: 1900, max: 2100 } as const;

/**
 * A calendar date written YYYY-MM-DD that exists (no roll-over: `Date.parse("2026-02-30")` gives March 2nd,
 * PostgreSQL refuses it) and lies within DATE_YEARS.
 */
export function isRealDate(value: unknown): value is string {
  if (!isCalendarDate(value)) return false;
  const y = Number(value.slice(0, 4));
  return y >= DATE_YEARS.min && y <= DATE_YEARS.max;
}

/** A YYYY-MM-DD date that exists in the calendar, any year 0000–9999. */
function isCalendarDate(value: unknown): value is string {
  if (typeof value !== "string") return false;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, da] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(2000, mo - 1, da));
  d.setUTCFullYear(y);
  return d.getUTCFullYear() === y && d.getUTCMonth() === mo - 1 && d.getUTCDate() === da;
}

/** The hex form PostgreSQL's uuid type reads (any version: the demo practice's ids are hand-made). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(v: unknown): v is string {
  return typeof v === "string" && UUID.test(v);
}

/**
 * Control characters (NUL included) other than tab and line breaks. PostgreSQL text cannot hold NUL at all,
 * and the others have no place in a name or an answer.
 */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const LINE_BREAK = /[\n\r\t\u2028\u2029]/;
export function hasControlChars(v: string, { multiline = false } = {}): boolean {
  return CONTROL.test(v) || (!multiline && LINE_BREAK.test(v));
}

/** `v` without those control characters (tab and line breaks stay): for long text where refusing helps nobody. */
export function stripControlChars(v: string): string {
  return v.replace(new RegExp(CONTROL.source, "g"), "");
}

/** Field errors keyed by dotted path ("users.0.email"; "_form" for the whole form), for showing at the field. */
export function zodFieldErrors(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.map(String).join(".") : "_form";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

/* ---- zod pieces ---- */

type TextOpts = { multiline?: boolean; min?: number; required?: string };

/**
 * Text a person types: a string (anything else is "Enter text."), trimmed, at most `max` characters, without NUL
 * or control characters (line breaks only when `multiline`). `required` is the message when it is blank.
 */
export const textField = (max: number, label = "This", opts: TextOpts = {}) =>
  z
    .string({ error: opts.required ?? `${label}: enter text.` })
    .trim()
    .max(max, `${label} is too long (at most ${max.toLocaleString("en-US")} characters).`)
    .refine(
      (v) => !hasControlChars(v, opts),
      opts.multiline
        ? `${label} contains characters that cannot be saved.`
        : `${label} must be one line of plain text.`,
    )
    .refine((v) => !opts.required || v.length >= (opts.min ?? 1), opts.required ?? `${label} is too short.`);

/** Optional text: blank (or missing) becomes null; otherwise as textField. */
export const optionalText = (max: number, label = "This", opts: { multiline?: boolean } = {}) =>
  textField(max, label, opts)
    .transform((v) => (v === "" ? null : v))
    .nullable()
    .optional()
    .transform((v) => v ?? null);

/** Optional text where blank stays "" (the schema's output is always a string). */
export const textOrBlank = (max: number, label = "This", opts: { multiline?: boolean } = {}) =>
  textField(max, label, opts).optional().default("");

export const emailFieldWith = (requiredMessage: string) =>
  z
    .string({ error: requiredMessage })
    .trim()
    .toLowerCase()
    .min(1, requiredMessage)
    .max(254, "That email address is too long.")
    .pipe(z.email("Enter a valid email address, like name@example.com."));
export const emailField = emailFieldWith("Enter an email address.");

/** An id sent by the page (hidden fields, route params). A malformed one is, to the user, something not found. */
export const uuidField = (message = "Not found.") => z.string({ error: message }).trim().refine(isUuid, message);

/** A required date (YYYY-MM-DD, a real calendar day within DATE_YEARS). */
export const dateField = (label = "the date") =>
  z
    .string({ error: `Enter ${label}.` })
    .trim()
    .min(1, `Enter ${label}.`)
    .refine((v) => /^\d{4}-\d{2}-\d{2}$/.test(v), `Enter ${label} as YYYY-MM-DD.`)
    .refine(
      (v) => !/^\d{4}-\d{2}-\d{2}$/.test(v) || isRealDate(v),
      `Enter a real calendar date (${DATE_YEARS.min}–${DATE_YEARS.max}).`,
    );

/** An optional date: blank or missing becomes undefined. */
export const optionalDateField = (label = "the date") =>
  z.preprocess((v) => (v === "" || v === null ? undefined : v), dateField(label).optional());

/**
 * Parses what a person types as a dollar amount ("120", "120.5", "$1,200.00") into cents, exactly (no floats).
 * Returns null when it is not a valid non-negative amount with at most two decimals.
 */
export function parseDollars(input: string): number | null {
  const s = input.trim().replace(/^\$/, "").replace(/,/g, "");
  const m = /^(\d{1,9})(?:\.(\d{0,2}))?$/.exec(s);
  if (!m) return null;
  const cents = (m[2] ?? "").padEnd(2, "0");
  return Number(m[1]) * 100 + Number(cents);
}

/** Money: at most this many dollars in any one amount (fees, payments, charges). */
export const MAX_CENTS = 100_000_00;

/**
 * Dollars as typed ("120", "120.5", "$1,200.00") → exact integer cents, within [minCents, MAX_CENTS].
 * Negative, NaN-like and over-precise amounts are refused at the field.
 */
export const dollarsField = (
  label: string,
  { minCents = 0, maxCents = MAX_CENTS }: { minCents?: number; maxCents?: number } = {},
) =>
  z
    .string({ error: `Enter the ${label}.` })
    .trim()
    .min(1, `Enter the ${label}.`)
    .transform((s, ctx) => {
      const c = parseDollars(s);
      if (c === null) {
        ctx.addIssue({ code: "custom", message: `Enter the ${label} in dollars, like 150 or 150.00.` });
        return z.NEVER;
      }
      if (c < minCents) {
        ctx.addIssue({
          code: "custom",
          message:
            minCents <= 1
              ? `Enter ${label === "amount" ? "an amount" : `a ${label}`} greater than zero.`
              : `The ${label} is too small.`,
        });
        return z.NEVER;
      }
      if (c > maxCents) {
        ctx.addIssue({
          code: "custom",
          message: `The ${label} is too large (at most $${(maxCents / 100).toLocaleString("en-US")}).`,
        });
        return z.NEVER;
      }
      return c;
    });

/** An insurance member ID: letters, digits, dashes and spaces, upper-cased; blank becomes null. */
export const MEMBER_ID_MAX = 40;
export const memberIdField = z
  .string({ error: "Enter the member ID as text." })
  .trim()
  .toUpperCase()
  .max(MEMBER_ID_MAX, `The member ID is too long (at most ${MEMBER_ID_MAX} characters).`)
  .refine((v) => v === "" || /^[A-Z0-9][A-Z0-9\- ]*$/.test(v), "Use letters, digits, dashes and spaces only.")
  .transform((v) => (v === "" ? null : v));

export const npiField = z
  .string({ error: "An NPI is exactly 10 digits." })
  .trim()
  .refine((v) => v === "" || /^\d{10}$/.test(v), "An NPI is exactly 10 digits.")
  .refine(
    (v) => v === "" || !/^\d{10}$/.test(v) || isValidNpi(v),
    "This NPI's check digit is wrong; please check the number.",
  )
  .transform((v) => (v === "" ? null : v));

export const einField = z
  .string({ error: "An EIN is 9 digits, written NN-NNNNNNN." })
  .trim()
  .refine((v) => v === "" || normalizeEin(v) !== null, "An EIN is 9 digits, written NN-NNNNNNN.")
  .transform((v) => (v === "" ? null : normalizeEin(v)));

/**
 * The latest calendar day anywhere on Earth at this instant (UTC+14, Kiribati). A day after it is in the future
 * in every time zone, so the schema refuses it at once, in the browser too.
 */
function latestDayOnEarth(): string {
  return new Date(now().getTime() + 14 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * A date of birth's form: a real day after 1900, and not after the latest day anywhere on Earth. Whether it is
 * after the practice's today depends on the practice's zone (lib/core/time.ts), which a pure schema cannot know,
 * so the data layer makes that exact check with `dateOfBirthError`.
 */
export const dobField = z
  .string({ error: "Enter the date of birth as text (YYYY-MM-DD)." })
  .trim()
  .refine((v) => v === "" || isCalendarDate(v), "Enter a real date (YYYY-MM-DD).")
  .refine((v) => v === "" || !isCalendarDate(v) || v >= "1900-01-01", "Enter a date of birth after 1900.")
  .refine(
    (v) => v === "" || !isCalendarDate(v) || v <= latestDayOnEarth(),
    "The date of birth cannot be in the future.",
  )
  .transform((v) => (v === "" ? null : v));

/** Why a date of birth is refused on the practice's day `today` (YYYY-MM-DD), or null: today itself is accepted. */
export function dateOfBirthError(dateOfBirth: string | null, today: string): string | null {
  return dateOfBirth !== null && dateOfBirth > today ? "The date of birth cannot be in the future." : null;
}

/** At most this many diagnosis codes on a record (a superbill's diagnosis pointers go A–L). */
export const MAX_ICD10_CODES = 12;

/**
 * ICD-10 codes typed as a list separated by commas or spaces, or sent as an array (checkboxes): each normalised
 * (upper-cased, dot added), duplicates removed, at most MAX_ICD10_CODES.
 */
export const icd10ListField = z
  .union(
    [
      z.string().max(500, "Too many codes."),
      z.array(z.string().max(20, "Not an ICD-10 code.")).max(50, "Too many codes."),
    ],
    { error: "Enter ICD-10 codes like F41.1, separated by commas." },
  )
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v.flatMap(splitCodes) : splitCodes(v)))
  .superRefine((codes, ctx) => {
    const bad = codes.filter((c) => normalizeIcd10(c) === null);
    // The bad code is shown only if it looks like one (never echo arbitrary text back into a message).
    if (bad.length)
      ctx.addIssue({
        code: "custom",
        message: `Not an ICD-10 code: ${bad.map((b) => (/^[A-Za-z0-9.]{1,10}$/.test(b) ? b : "…")).join(", ")} (format like F41.1).`,
      });
  })
  .transform((codes) => Array.from(new Set(codes.map((c) => normalizeIcd10(c)).filter((c): c is string => c !== null))))
  .refine((codes) => codes.length <= MAX_ICD10_CODES, `At most ${MAX_ICD10_CODES} diagnosis codes.`);

export function splitCodes(v: string): string[] {
  return v
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export const phoneField = z
  .string({ error: "Enter a phone number, like (555) 010-2030." })
  .trim()
  .refine(
    (v) => v === "" || (/^[0-9+().\-\s]{7,25}$/.test(v) && (v.match(/\d/g)?.length ?? 0) >= 7),
    "Enter a phone number, like (555) 010-2030.",
  )
  .transform((v) => (v === "" ? null : v));

/** US state or territory as a 2-letter code. */
export const stateField = z
  .string({ error: "Use the 2-letter state code, like OR." })
  .trim()
  .toUpperCase()
  .refine((v) => v === "" || /^[A-Z]{2}$/.test(v), "Use the 2-letter state code, like OR.")
  .transform((v) => (v === "" ? null : v));

/** One email is one login: addresses are compared trimmed and lower-cased everywhere. */
export const normalizeEmail = (email: string) => email.trim().toLowerCase();
