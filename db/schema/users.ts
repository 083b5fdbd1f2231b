import { boolean, index, pgEnum, pgTable, primaryKey, text, timestamp, uuid, integer } from "drizzle-orm/pg-core";

export const roleEnum = pgEnum("role", ["client", "clinician", "admin"]);

/** One person, one email, one login (docs/product.md, People: portal user). Auth.js "users" shape plus our fields. */
export const users = pgTable("users", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name"),
  email: text("email").notNull().unique(),
  emailVerified: timestamp("email_verified", { withTimezone: true }),
  image: text("image"),
  role: roleEnum("role").notNull().default("client"),
  /** Staff deactivated or client portal access revoked: no sign-in, sessions end at once. */
  active: boolean("active").notNull().default(true),
  /** Staff details used on superbills. */
  credentials: text("credentials"),
  npi: text("npi"),
  licenseNumber: text("license_number"),
  licenseState: text("license_state"),
  invitedAt: timestamp("invited_at", { withTimezone: true }),
  lastSignInAt: timestamp("last_sign_in_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;

/** Auth.js accounts table (kept for future OAuth/SSO for staff; unused by email links and PINs). */
export const accounts = pgTable(
  "accounts",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    provider: text("provider").notNull(),
    providerAccountId: text("provider_account_id").notNull(),
    refresh_token: text("refresh_token"),
    access_token: text("access_token"),
    expires_at: integer("expires_at"),
    token_type: text("token_type"),
    scope: text("scope"),
    id_token: text("id_token"),
    session_state: text("session_state"),
  },
  (t) => [primaryKey({ columns: [t.provider, t.providerAccountId] })],
);
export type Account = typeof accounts.$inferSelect;
export type NewAccount = typeof accounts.$inferInsert;

/**
 * Auth.js verification tokens: sign-in and welcome links. `token` holds sha256(token + secret), never the token.
 * `kind` and `createdAt` are ours: welcome links live 7 days, sign-in links 24 hours.
 */
export const verificationTokens = pgTable(
  "verification_tokens",
  {
    identifier: text("identifier").notNull(),
    token: text("token").notNull(),
    expires: timestamp("expires", { withTimezone: true }).notNull(),
    kind: text("kind", { enum: ["link", "welcome"] })
      .notNull()
      .default("link"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.identifier, t.token] }), index("verification_tokens_token_idx").on(t.token)],
);
export type VerificationToken = typeof verificationTokens.$inferSelect;
export type NewVerificationToken = typeof verificationTokens.$inferInsert;

/**
 * Server-side sessions (docs/product.md, Sign-in rule 7). The Auth.js cookie carries only the session id;
 * every request re-checks this row, so revocation is immediate. `id` is sha256 of the id in the cookie.
 */
export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    /** Absolute end: createdAt + 12 hours. */
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    endedReason: text("ended_reason"),
    activeProfileId: uuid("active_profile_id"),
    method: text("method", { enum: ["link", "welcome", "pin", "passkey"] }).notNull(),
    /**
     * Staff only: when this session last passed the second factor, and how (docs/decisions.md "Second factor and
     * passkeys"). Null: a staff session reaches only the second-factor pages and sign-out.
     */
    secondFactorAt: timestamp("second_factor_at", { withTimezone: true }),
    secondFactorMethod: text("second_factor_method", { enum: ["totp", "passkey", "recovery"] }),
    ip: text("ip"),
    userAgent: text("user_agent"),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);
export type Session = typeof sessions.$inferSelect;
export type NewSession = typeof sessions.$inferInsert;

/** Staff-issued PIN codes (docs/product.md, Sign-in rules 5 and 8). Only the hash is kept. One live PIN per user. */
export const pinCodes = pgTable("pin_codes", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  codeHash: text("code_hash").notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  failedAttempts: integer("failed_attempts").notNull().default(0),
  issuedById: uuid("issued_by_id").references(() => users.id),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
export type PinCode = typeof pinCodes.$inferSelect;
export type NewPinCode = typeof pinCodes.$inferInsert;

/** Rate-limit events, kept in the database so limits hold across several app servers. */
export const rateLimitEvents = pgTable(
  "rate_limit_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    key: text("key").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("rate_limit_events_key_at_idx").on(t.key, t.at)],
);
export type RateLimitEvent = typeof rateLimitEvents.$inferSelect;
export type NewRateLimitEvent = typeof rateLimitEvents.$inferInsert;
