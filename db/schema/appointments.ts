import { sql } from "drizzle-orm";
import { date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";
import { clientProfiles } from "./profiles";
import { formResponses, formTemplates } from "./forms";
import { billingServices } from "./billing";

/**
 * Appointments (docs/product.md, Appointments; docs/decisions.md, Appointments). Every instant is stored as a
 * timestamptz; wall-clock times ("10:00 every Tuesday") are turned into instants in the practice's zone by
 * lib/core/time.ts, one occurrence at a time, so a weekly series keeps its local time across daylight saving.
 */

/** A weekly or biweekly series: its occurrences are rows of `appointments` that point here. */
export const appointmentSeries = pgTable("appointment_series", {
  id: uuid("id").primaryKey().defaultRandom(),
  profileId: uuid("profile_id")
    .notNull()
    .references(() => clientProfiles.id, { onDelete: "cascade" }),
  clinicianId: uuid("clinician_id")
    .notNull()
    .references(() => users.id),
  /** 1 weekly, 2 biweekly. */
  intervalWeeks: integer("interval_weeks").notNull(),
  /** The wall-clock start in the practice's zone, "HH:MM". */
  localTime: text("local_time").notNull(),
  firstDay: date("first_day").notNull(),
  occurrences: integer("occurrences").notNull(),
  createdById: uuid("created_by_id").references(() => users.id),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
export type AppointmentSeries = typeof appointmentSeries.$inferSelect;

export const APPOINTMENT_STATUSES = [
  "requested",
  "scheduled",
  "declined",
  "cancelled",
  "late_cancelled",
  "completed",
  "no_show",
] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

export const appointments = pgTable(
  "appointments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    profileId: uuid("profile_id")
      .notNull()
      .references(() => clientProfiles.id, { onDelete: "cascade" }),
    clinicianId: uuid("clinician_id")
      .notNull()
      .references(() => users.id),
    seriesId: uuid("series_id").references(() => appointmentSeries.id, { onDelete: "set null" }),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    kind: text("kind", { enum: ["office", "telehealth"] }).notNull(),
    /** Telehealth only; shown to the client only shortly before the start, never emailed. */
    telehealthUrl: text("telehealth_url"),
    location: text("location"),
    /** The service planned (CPT); "Record service" starts from it. */
    cptCode: text("cpt_code"),
    status: text("status", { enum: APPOINTMENT_STATUSES }).notNull().default("scheduled"),
    /** Who asked for it, when a client requested the slot. */
    requestedById: uuid("requested_by_id").references(() => users.id),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    cancelledById: uuid("cancelled_by_id").references(() => users.id),
    /** When its reminder went into the outbox: set once, by the one server that claimed it. */
    reminderQueuedAt: timestamp("reminder_queued_at", { withTimezone: true }),
    /** The service recorded from it ("Record service"). */
    serviceId: uuid("service_id").references(() => billingServices.id, { onDelete: "set null" }),
    createdById: uuid("created_by_id").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // One live appointment (requested or scheduled) per clinician and start: of two requests for one slot at
    // once, the database lets exactly one in (docs/decisions.md, Appointments: one slot, one winner).
    uniqueIndex("appointments_live_slot_uq")
      .on(t.clinicianId, t.startsAt)
      .where(sql`${t.status} in ('requested', 'scheduled')`),
    index("appointments_clinician_time_idx").on(t.clinicianId, t.startsAt),
    index("appointments_profile_time_idx").on(t.profileId, t.startsAt),
    // The reminder sweep reads scheduled appointments not yet reminded, by start.
    index("appointments_reminder_due_idx")
      .on(t.startsAt)
      .where(sql`${t.status} = 'scheduled' and ${t.reminderQueuedAt} is null`),
  ],
);
export type Appointment = typeof appointments.$inferSelect;
export type NewAppointment = typeof appointments.$inferInsert;

/** A clinician's bookable rules: slot length and the buffer kept free after each appointment. */
export const clinicianSchedules = pgTable("clinician_schedules", {
  clinicianId: uuid("clinician_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  slotMinutes: integer("slot_minutes").notNull().default(50),
  bufferMinutes: integer("buffer_minutes").notNull().default(10),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
export type ClinicianSchedule = typeof clinicianSchedules.$inferSelect;

/** Weekly hours: on ISO weekday `weekday` (1 Monday … 7 Sunday), from `startTime` to `endTime` ("HH:MM", practice zone). */
export const clinicianHours = pgTable(
  "clinician_hours",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clinicianId: uuid("clinician_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    weekday: integer("weekday").notNull(),
    startTime: text("start_time").notNull(),
    endTime: text("end_time").notNull(),
  },
  (t) => [index("clinician_hours_clinician_idx").on(t.clinicianId, t.weekday)],
);
export type ClinicianHours = typeof clinicianHours.$inferSelect;

/** Days off: no slot is offered on them. */
export const clinicianDaysOff = pgTable(
  "clinician_days_off",
  {
    clinicianId: uuid("clinician_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    day: date("day").notNull(),
  },
  (t) => [primaryKey({ columns: [t.clinicianId, t.day] })],
);

/**
 * A measure sent automatically before a profile's appointments: before every one (`everyWeeks` null) or at most
 * every N weeks; the to-do appears `leadHours` before the start.
 */
export const appointmentFormRules = pgTable(
  "appointment_form_rules",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    profileId: uuid("profile_id")
      .notNull()
      .references(() => clientProfiles.id, { onDelete: "cascade" }),
    templateId: uuid("template_id")
      .notNull()
      .references(() => formTemplates.id),
    everyWeeks: integer("every_weeks"),
    leadHours: integer("lead_hours").notNull().default(48),
    createdById: uuid("created_by_id")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    removedAt: timestamp("removed_at", { withTimezone: true }),
  },
  (t) => [index("appointment_form_rules_profile_idx").on(t.profileId)],
);
export type AppointmentFormRule = typeof appointmentFormRules.$inferSelect;

/** One send of a rule for one appointment: the primary key makes it happen once, whichever server gets there. */
export const appointmentFormSends = pgTable(
  "appointment_form_sends",
  {
    ruleId: uuid("rule_id")
      .notNull()
      .references(() => appointmentFormRules.id, { onDelete: "cascade" }),
    appointmentId: uuid("appointment_id")
      .notNull()
      .references(() => appointments.id, { onDelete: "cascade" }),
    /** Null when the rule skipped this appointment (sent less than N weeks before). */
    responseId: uuid("response_id").references(() => formResponses.id, { onDelete: "set null" }),
    at: timestamp("at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.ruleId, t.appointmentId] })],
);
