import { z } from "zod";
import { dateField, textOrBlank, uuidField } from "@/lib/core/validation";

/** One zod schema per appointment form, used by the browser and by the server action (docs/architecture.md, Forms). */

const uuid = uuidField("Not found.");
const time = z
  .string({ error: "Enter the time." })
  .trim()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Enter the time as HH:MM, like 10:00.");
const minutes = (label: string, min: number, max: number) =>
  z.coerce
    .number({ error: `Enter the ${label} in minutes.` })
    .int("Use whole minutes.")
    .min(min, `At least ${min} minutes.`)
    .max(max, `At most ${max} minutes.`);
const telehealthUrl = z
  .string()
  .trim()
  .max(500, "The link is too long.")
  .optional()
  .default("")
  .refine((v) => v === "" || /^https:\/\/[^\s]+$/.test(v), "Enter the video link, starting with https://.");
const cpt = z
  .string()
  .trim()
  .optional()
  .default("")
  .refine((v) => v === "" || /^\d{5}$/.test(v), "Choose a service code.");

const fields = {
  day: dateField("the date"),
  time,
  durationMinutes: minutes("length", 10, 480),
  kind: z.enum(["office", "telehealth"], { message: "Choose in office or telehealth." }),
  telehealthUrl,
  location: textOrBlank(200, "Location"),
  cptCode: cpt,
};
const linkForTelehealth = (v: { kind: string; telehealthUrl: string }) =>
  v.kind !== "telehealth" || v.telehealthUrl !== "";
const linkError = { message: "Enter the video link for a telehealth appointment.", path: ["telehealthUrl"] };

export const appointmentSchema = z
  .object({
    profileId: uuid,
    ...fields,
    repeat: z.enum(["none", "weekly", "biweekly"], { message: "Choose how it repeats." }).default("none"),
    occurrences: z.coerce
      .number({ error: "Enter how many appointments." })
      .int("Use a whole number.")
      .min(1, "At least 1.")
      .max(52, "At most 52 at once.")
      .default(1),
  })
  .refine(linkForTelehealth, linkError);
export type AppointmentInput = z.output<typeof appointmentSchema>;

export const appointmentUpdateSchema = z.object({ id: uuid, ...fields }).refine(linkForTelehealth, linkError);
export type AppointmentUpdate = z.output<typeof appointmentUpdateSchema>;

export const appointmentIdSchema = z.object({ id: uuid });
export const markSchema = z.object({
  id: uuid,
  status: z.enum(["cancelled", "late_cancelled", "no_show", "completed"], { message: "Choose what happened." }),
});

export const requestSchema = z.object({
  startsAt: z.iso.datetime({ message: "Choose one of the open times.", offset: true }),
  kind: z.enum(["office", "telehealth"], { message: "Choose in office or telehealth." }),
});

const hoursRow = z
  .object({ weekday: z.coerce.number().int().min(1).max(7), startTime: time, endTime: time })
  .refine((h) => h.startTime < h.endTime, { message: "The end must be after the start.", path: ["endTime"] });

/** Hours arrive as one line per weekday "1 09:00-17:00" or as parsed rows. */
export const availabilitySchema = z.object({
  slotMinutes: minutes("appointment length", 15, 240),
  bufferMinutes: minutes("buffer", 0, 120),
  hours: z.array(hoursRow).max(50),
  daysOff: z.array(dateField("the day off")).max(366),
});
export type AvailabilityInput = z.output<typeof availabilitySchema>;

export const formRuleSchema = z.object({
  profileId: uuid,
  templateId: uuidField("Choose a form."),
  every: z.enum(["appointment", "weeks"], { message: "Choose how often." }),
  everyWeeks: z.coerce
    .number()
    .int("Use whole weeks.")
    .min(1, "At least 1 week.")
    .max(52, "At most 52 weeks.")
    .optional(),
  leadHours: z.coerce
    .number()
    .int("Use whole hours.")
    .min(1, "At least 1 hour.")
    .max(336, "At most 336 hours (2 weeks)."),
});
export type FormRuleInput = z.output<typeof formRuleSchema>;

/**
 * The hours form: one text line per weekday ("09:00-12:00, 13:00-17:00", blank for none) and days off one per
 * line, parsed into `availabilitySchema`'s shape with errors at the field that holds them.
 */
const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;
export const WEEKDAY_FIELDS = WEEKDAYS.map((label, i) => ({ name: `day${i + 1}`, label, weekday: i + 1 }));
const RANGE = /^([01]\d|2[0-3]):[0-5]\d\s*-\s*([01]\d|2[0-3]):[0-5]\d$/;
const rangesField = z
  .string()
  .trim()
  .max(200, "Too long.")
  .optional()
  .default("")
  .refine(
    (v) =>
      v === "" ||
      v.split(",").every((r) => {
        const t = r.trim();
        return RANGE.test(t) && t.split("-")[0].trim() < t.split("-")[1].trim();
      }),
    "Enter hours like 09:00-12:00, 13:00-17:00 (end after start).",
  );
export const availabilityFormSchema = z
  .object({
    slotMinutes: minutes("appointment length", 15, 240),
    bufferMinutes: minutes("buffer", 0, 120),
    ...Object.fromEntries(WEEKDAY_FIELDS.map((d) => [d.name, rangesField])),
    daysOff: z
      .string()
      .trim()
      .max(5000)
      .optional()
      .default("")
      .refine(
        (v) => v.split(/[\s,]+/).every((d) => d === "" || dateField().safeParse(d).success),
        "Enter days off as YYYY-MM-DD, one per line.",
      ),
  })
  .transform((v): AvailabilityInput => {
    const rec = v as unknown as Record<string, string>;
    return {
      slotMinutes: v.slotMinutes,
      bufferMinutes: v.bufferMinutes,
      hours: WEEKDAY_FIELDS.flatMap((d) =>
        (rec[d.name] ?? "")
          .split(",")
          .map((r) => r.trim())
          .filter(Boolean)
          .map((r) => {
            const [startTime, endTime] = r.split("-").map((x) => x.trim());
            return { weekday: d.weekday, startTime, endTime };
          }),
      ),
      daysOff: v.daysOff.split(/[\s,]+/).filter(Boolean),
    };
  });
