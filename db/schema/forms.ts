import { sql } from "drizzle-orm";
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./users";
import { clientProfiles } from "./profiles";
import type { Question } from "./question";

/**
 * Form templates (docs/product.md, Forms). A template is a name; its questions live in
 * immutable versions. Editing a template adds a version, and a sent form points at the version it was sent
 * with, so editing never changes a form already sent or submitted.
 */
export const formTemplates = pgTable(
  "form_templates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Library templates have a stable key (e.g. "phq9"); clinicians' own templates have none. */
    libraryKey: text("library_key").unique(),
    /** Who built it; null for the practice library. */
    ownerId: uuid("owner_id").references(() => users.id),
    title: text("title").notNull(),
    archivedAt: timestamp("archived_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("form_templates_owner_idx").on(t.ownerId)],
);
export type FormTemplate = typeof formTemplates.$inferSelect;
export type NewFormTemplate = typeof formTemplates.$inferInsert;

export const formTemplateVersions = pgTable(
  "form_template_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    templateId: uuid("template_id")
      .notNull()
      .references(() => formTemplates.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    title: text("title").notNull(),
    description: text("description"),
    /** "phq9" | "gad7" for scored measures. */
    measure: text("measure", { enum: ["phq9", "gad7"] }),
    questions: jsonb("questions").$type<Question[]>().notNull(),
    createdById: uuid("created_by_id").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("form_template_versions_uq").on(t.templateId, t.version)],
);
export type FormTemplateVersion = typeof formTemplateVersions.$inferSelect;
export type NewFormTemplateVersion = typeof formTemplateVersions.$inferInsert;

/** One form sent to a profile: its draft answers while pending, locked once submitted. */
export const formResponses = pgTable(
  "form_responses",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    profileId: uuid("profile_id")
      .notNull()
      .references(() => clientProfiles.id, { onDelete: "cascade" }),
    templateVersionId: uuid("template_version_id")
      .notNull()
      .references(() => formTemplateVersions.id),
    sentById: uuid("sent_by_id")
      .notNull()
      .references(() => users.id),
    dueDate: date("due_date"),
    /** "cancelled": withdrawn by the clinician before it was submitted; its draft answers are kept. */
    status: text("status", { enum: ["pending", "submitted", "cancelled"] })
      .notNull()
      .default("pending"),
    lastSavedById: uuid("last_saved_by_id").references(() => users.id),
    lastSavedAt: timestamp("last_saved_at", { withTimezone: true }),
    submittedById: uuid("submitted_by_id").references(() => users.id),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    /** Measures: total score and band, computed by lib/forms/scoring.ts at submit. */
    score: integer("score"),
    band: text("band"),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true }),
    /** The last "forms to complete" reminder sent for this form (at most one a day). */
    remindedAt: timestamp("reminded_at", { withTimezone: true }),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    cancelledById: uuid("cancelled_by_id").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("form_responses_profile_idx").on(t.profileId, t.status),
    // The dashboard's "to review" count and list (docs/performance.md): only the open items, newest first.
    index("form_responses_to_review_idx")
      .on(t.profileId, t.submittedAt)
      .where(sql`${t.status} = 'submitted' and ${t.reviewedAt} is null`),
  ],
);
export type FormResponse = typeof formResponses.$inferSelect;
export type NewFormResponse = typeof formResponses.$inferInsert;

/**
 * One row per answered question. Autosaves upsert only the fields they carry, so two tabs (or two partners)
 * saving the same draft never overwrite a field the other saved (docs/decisions.md, Quality targets: Autosave under load).
 */
export const formAnswers = pgTable(
  "form_answers",
  {
    responseId: uuid("response_id")
      .notNull()
      .references(() => formResponses.id, { onDelete: "cascade" }),
    questionId: text("question_id").notNull(),
    /** Wrapped as { v: answer }: a bare JSON string would be re-read as JSON by some drivers ("2" → 2). */
    value: jsonb("value").$type<{ v: unknown }>().notNull(),
    updatedById: uuid("updated_by_id")
      .notNull()
      .references(() => users.id),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.responseId, t.questionId] })],
);
export type FormAnswer = typeof formAnswers.$inferSelect;
export type NewFormAnswer = typeof formAnswers.$inferInsert;

/** PHQ-9 item 9 above 0 (docs/product.md, Safety): shown to the clinician until acknowledged. */
export const safetyAlerts = pgTable(
  "safety_alerts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    responseId: uuid("response_id")
      .notNull()
      .references(() => formResponses.id, { onDelete: "cascade" }),
    profileId: uuid("profile_id")
      .notNull()
      .references(() => clientProfiles.id, { onDelete: "cascade" }),
    itemValue: integer("item_value").notNull(),
    acknowledged: boolean("acknowledged").notNull().default(false),
    acknowledgedById: uuid("acknowledged_by_id").references(() => users.id),
    acknowledgedAt: timestamp("acknowledged_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("safety_alerts_profile_idx").on(t.profileId, t.acknowledged),
    // The open alerts, newest first, by keyset (lib/forms/responses.ts pageOpenAlerts).
    index("safety_alerts_open_idx")
      .on(t.createdAt, t.id)
      .where(sql`${t.acknowledged} = false`),
  ],
);
export type SafetyAlert = typeof safetyAlerts.$inferSelect;
export type NewSafetyAlert = typeof safetyAlerts.$inferInsert;
