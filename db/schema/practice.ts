import { boolean, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** One deployment serves one practice: a single row with id 1. */
export const practiceSettings = pgTable("practice_settings", {
  id: integer("id").primaryKey().default(1),
  name: text("name").notNull(),
  legalName: text("legal_name"),
  addressLine1: text("address_line1"),
  addressLine2: text("address_line2"),
  city: text("city"),
  state: text("state"),
  postalCode: text("postal_code"),
  phone: text("phone"),
  timeZone: text("time_zone").notNull().default("America/New_York"),
  ein: text("ein"),
  organizationNpi: text("organization_npi"),
  /** Logo as a data URL (small PNG/JPEG/SVG-free image), shown in the header and on PDFs. */
  logoDataUrl: text("logo_data_url"),
  uploadLimitMb: integer("upload_limit_mb").notNull().default(25),
  /** The words shown above the crisis resources after a PHQ-9 safety answer; null shows the default (lib/forms/crisis.ts). */
  crisisText: text("crisis_text"),
  /** Appointments (docs/product.md, Appointments): clients cancel online until this many hours before the start. */
  cancellationWindowHours: integer("cancellation_window_hours").notNull().default(24),
  /** The cancellation policy shown to clients; null shows the default (lib/appointments/policy.ts). */
  cancellationPolicy: text("cancellation_policy"),
  /** Reminder emails go out this many hours before an appointment. */
  reminderLeadHours: integer("reminder_lead_hours").notNull().default(24),
  /** The telehealth link appears in the portal this many minutes before the start. */
  telehealthLinkMinutes: integer("telehealth_link_minutes").notNull().default(15),
  /** Clients may write to the practice through the portal (docs/decisions.md, Messaging); off shows "call the office". */
  clientMessaging: boolean("client_messaging").notNull().default(true),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
export type PracticeSettings = typeof practiceSettings.$inferSelect;
export type NewPracticeSettings = typeof practiceSettings.$inferInsert;
