import { z } from "zod";
import { einField, npiField, optionalText, phoneField, stateField, textField } from "@/lib/core/validation";
import { checkLogoDataUrl } from "./logo";
import { isValidTimeZone } from "@/lib/core/time";

/** A whole number of `unit` between min and max, typed in a number field. */
function wholeNumber(unit: string, min: number, max: number) {
  return z.coerce
    .number(`Enter a number of ${unit}.`)
    .int(`Use a whole number of ${unit}.`)
    .min(min, `At least ${min} ${min === 1 ? unit.replace(/s$/, "") : unit}.`)
    .max(max, `At most ${max} ${unit}.`);
}

/** Practice settings form (admin). `logo` is a data URL chosen in the browser, "" to keep, "remove" to clear. */
export const practiceSettingsSchema = z.object({
  name: textField(120, "The practice name", { required: "Enter the practice name." }),
  legalName: optionalText(160, "The legal name"),
  addressLine1: optionalText(160, "The address"),
  addressLine2: optionalText(160, "The address"),
  city: optionalText(80, "The city"),
  state: stateField,
  postalCode: z
    .string({ error: "Enter a ZIP code like 97201 or 97201-1234." })
    .trim()
    .refine((v) => v === "" || /^\d{5}(-\d{4})?$/.test(v), "Enter a ZIP code like 97201 or 97201-1234.")
    .transform((v) => (v === "" ? null : v)),
  phone: phoneField,
  timeZone: z
    .string({ error: "Choose a time zone from the list, like America/New_York." })
    .trim()
    .max(64, "Choose a time zone from the list, like America/New_York.")
    .refine(isValidTimeZone, "Choose a time zone from the list, like America/New_York."),
  ein: einField,
  organizationNpi: npiField,
  uploadLimitMb: z.coerce
    .number("Enter a number of megabytes.")
    .int("Use a whole number of megabytes.")
    .min(1, "At least 1 MB.")
    .max(100, "At most 100 MB."),
  /** Whether clients may write secure messages (docs/decisions.md, Messaging); "off" asks them to call the office. */
  clientMessaging: z
    .enum(["on", "off"], { error: "Choose on or off." })
    .optional()
    .default("on")
    .transform((v) => v === "on"),
  /** Appointments (docs/decisions.md, Appointments): clients cancel online until this many hours before. */
  cancellationWindowHours: wholeNumber("hours", 0, 168),
  /** The cancellation policy clients read; blank uses the default sentence built from the window. */
  cancellationPolicy: optionalText(1000, "The cancellation policy", { multiline: true }),
  /** Reminder emails go out this many hours before each appointment. */
  reminderLeadHours: wholeNumber("hours", 1, 168),
  /** The video link appears in the portal this many minutes before a telehealth appointment. */
  telehealthLinkMinutes: wholeNumber("minutes", 0, 120),
  /** Shown to a client above 988, 911 and the practice phone after a safety answer; blank uses the default. */
  crisisText: optionalText(1000, "The crisis text", { multiline: true }),
  logo: z
    .string({ error: "Choose an image file." })
    // A data URL of at most LOGO_MAX_BYTES is about 4/3 of that; refuse anything far bigger before decoding it.
    .max(400_000, "The logo is too large.")
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
