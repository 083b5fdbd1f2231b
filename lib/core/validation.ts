import { z } from "zod";
import { now } from "@/lib/core/clock";

/**
 * Field formats shared by the browser and the server (docs/decisions.md, Code conventions: One schema per form). Pure functions: no server-only, so the
 * same zod schema validates in react-hook-form and in the server action.
 */

/**
 * NPI check digit: the Luhn formula over the 9 identifier digits prefixed with 80840 (the NPI standard's
 * card-issuer prefix), as CMS "Requirements for NPI check digit" defines it.
 */
export function isValidNpi(value: string): boolean {
  if (!/^\d{10}$/.test(value)) return false;
  const digits = `80840${value}`;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
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

/** A calendar date (YYYY-MM-DD) that exists. */
export function isRealDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** Today's date as YYYY-MM-DD, from lib/clock (so tests can move time). */
export function todayIso(): string {
  return now().toISOString().slice(0, 10);
}

/* ---- zod pieces ---- */

/** Optional text: blank becomes null. */
export const optionalText = (max: number, label = "This") =>
  z
    .string()
    .trim()
    .max(max, `${label} is too long (at most ${max} characters).`)
    .transform((v) => (v === "" ? null : v))
    .nullable()
    .optional()
    .transform((v) => v ?? null);

export const emailField = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, "Enter an email address.")
  .max(254, "That email address is too long.")
  .pipe(z.email("Enter a valid email address, like name@example.com."));

export const npiField = z
  .string()
  .trim()
  .refine((v) => v === "" || /^\d{10}$/.test(v), "An NPI is exactly 10 digits.")
  .refine((v) => v === "" || !/^\d{10}$/.test(v) || isValidNpi(v), "This NPI's check digit is wrong; please check the number.")
  .transform((v) => (v === "" ? null : v));

export const einField = z
  .string()
  .trim()
  .refine((v) => v === "" || normalizeEin(v) !== null, "An EIN is 9 digits, written NN-NNNNNNN.")
  .transform((v) => (v === "" ? null : normalizeEin(v)));

export const dobField = z
  .string()
  .trim()
  .refine((v) => v === "" || isRealDate(v), "Enter a real date (YYYY-MM-DD).")
  .refine((v) => v === "" || !isRealDate(v) || v <= todayIso(), "The date of birth cannot be in the future.")
  .refine((v) => v === "" || !isRealDate(v) || v >= "1900-01-01", "Enter a date of birth after 1900.")
  .transform((v) => (v === "" ? null : v));

/** ICD-10 codes typed as a list separated by commas or spaces. */
export const icd10ListField = z
  .string()
  .max(500, "Too many codes.")
  .superRefine((v, ctx) => {
    const bad = splitCodes(v).filter((c) => normalizeIcd10(c) === null);
    if (bad.length) ctx.addIssue({ code: "custom", message: `Not an ICD-10 code: ${bad.join(", ")} (format like F41.1).` });
  })
  .transform((v) => Array.from(new Set(splitCodes(v).map((c) => normalizeIcd10(c)!))));

export function splitCodes(v: string): string[] {
  return v
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export const phoneField = z
  .string()
  .trim()
  .refine((v) => v === "" || (/^[0-9+().\-\s]{7,25}$/.test(v) && (v.match(/\d/g)?.length ?? 0) >= 7), "Enter a phone number, like (555) 010-2030.")
  .transform((v) => (v === "" ? null : v));

/** US state or territory as a 2-letter code. */
export const stateField = z
  .string()
  .trim()
  .toUpperCase()
  .refine((v) => v === "" || /^[A-Z]{2}$/.test(v), "Use the 2-letter state code, like OR.")
  .transform((v) => (v === "" ? null : v));

/** Ids in URLs and forms are UUIDs; anything else is simply not found (never a database error). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(v: unknown): v is string {
  return typeof v === "string" && UUID.test(v);
}

/** One email is one login: addresses are compared trimmed and lower-cased everywhere. */
export const normalizeEmail = (email: string) => email.trim().toLowerCase();
