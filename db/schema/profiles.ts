import { date, index, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";

export const profileTypeEnum = pgEnum("profile_type", ["individual", "couple", "minor"]);
export const relationshipEnum = pgEnum("relationship", ["self", "partner", "guardian"]);

/** A record the practice treats. Reached by portal users through profile_access. */
export const clientProfiles = pgTable(
  "client_profiles",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    type: profileTypeEnum("type").notNull(),
    legalName: text("legal_name").notNull(),
    preferredName: text("preferred_name"),
    dateOfBirth: date("date_of_birth"),
    phone: text("phone"),
    address: text("address"),
    insuranceMemberId: text("insurance_member_id"),
    diagnosisCodes: text("diagnosis_codes").array().notNull().default([]),
    clinicianId: uuid("clinician_id")
      .notNull()
      .references(() => users.id),
    archivedAt: timestamp("archived_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("client_profiles_clinician_idx").on(t.clinicianId),
    // The client list reads one page in name order (docs/decisions.md, Quality targets: Client list cost stays flat).
    index("client_profiles_clinician_name_idx").on(t.clinicianId, t.legalName, t.id),
    index("client_profiles_name_idx").on(t.legalName, t.id),
  ],
);
export type ClientProfile = typeof clientProfiles.$inferSelect;
export type NewClientProfile = typeof clientProfiles.$inferInsert;

export const profileAccess = pgTable(
  "profile_access",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    profileId: uuid("profile_id")
      .notNull()
      .references(() => clientProfiles.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    relationship: relationshipEnum("relationship").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("profile_access_profile_user_uq").on(t.profileId, t.userId),
    index("profile_access_user_idx").on(t.userId),
  ],
);
export type ProfileAccess = typeof profileAccess.$inferSelect;
export type NewProfileAccess = typeof profileAccess.$inferInsert;
