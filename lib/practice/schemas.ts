import { z } from "zod";
import { einField, npiField, optionalText, phoneField, stateField } from "@/lib/core/validation";
import { checkLogoDataUrl } from "./logo";
import { isValidTimeZone } from "@/lib/core/time";

/** Practice settings form (admin). `logo` is a data URL chosen in the browser, "" to keep, "remove" to clear. */
export const practiceSettingsSchema = z.object({
  name: z.string().trim().min(1, "Enter the practice name.").max(120, "The name is too long."),
  legalName: optionalText(160, "The legal name"),
  addressLine1: optionalText(160, "The address"),
  addressLine2: optionalText(160, "The address"),
  city: optionalText(80, "The city"),
  state: stateField,
  postalCode: z
    .string()
    .trim()
    .refine((v) => v === "" || /^\d{5}(-\d{4})?$/.test(v), "Enter a ZIP code like 97201 or 97201-1234.")
    .transform((v) => (v === "" ? null : v)),
  phone: phoneField,
  timeZone: z.string().trim().refine(isValidTimeZone, "Choose a time zone from the list, like America/New_York."),
  ein: einField,
  organizationNpi: npiField,
  uploadLimitMb: z.coerce.number("Enter a number of megabytes.").int("Use a whole number of megabytes.").min(1, "At least 1 MB.").max(100, "At most 100 MB."),
  logo: z
    .string()
    .optional()
    .default("")
    .superRefine((v, ctx) => {
      if (v === "" || v === "remove") return;
      const r = checkLogoDataUrl(v);
      if (!r.ok) ctx.addIssue({ code: "custom", message: r.error });
    }),
});
export type PracticeSettingsInput = z.input<typeof practiceSettingsSchema>;
export type PracticeSettingsData = z.output<typeof practiceSettingsSchema>;

/** Common US time zones first; any IANA zone is accepted. */
export const COMMON_TIME_ZONES = [
  "America/New_York",
  "America/Chicago",
  "America/Denver",
  "America/Phoenix",
  "America/Los_Angeles",
  "America/Anchorage",
  "Pacific/Honolulu",
  "America/Puerto_Rico",
  "UTC",
];
