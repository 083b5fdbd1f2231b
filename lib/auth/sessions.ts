import "server-only";
import { and, desc, eq, isNull, lt, ne, sql, type SQL } from "drizzle-orm";
import { db, type DbOrTx } from "@/db";
import { runPrepared } from "@/db/prepared";
import { clientProfiles, practiceSettings, profileAccess, sessions, users, type PracticeSettings } from "@/db/schema";
import { now, HOUR, MINUTE } from "@/lib/core/clock";
import { randomToken, sha256Hex } from "@/lib/core/crypto";
import { audit } from "@/lib/audit/write";
import { isStaff, type Principal } from "@/lib/core/principal";
import { ownProfileColumns, ownProfileOn, ownProfilesOrder, type OwnProfileRow } from "@/lib/profiles/queries";

/** docs/product.md, Sign-in rule 7: 15 minutes idle, 12 hours at most. */
export const IDLE_TIMEOUT_MS = 15 * MINUTE;
export const ABSOLUTE_TIMEOUT_MS = 12 * HOUR;
/**
 * lastSeenAt is written at most once a minute, so reads do not all become writes (docs/decisions.md "Per-request
 * memoisation"); the idle limit is then enforced to within a minute of 15.
 */
export const TOUCH_EVERY_MS = MINUTE;

export type SessionMethod = "link" | "welcome" | "pin" | "passkey";
export type SecondFactorMethod = "totp" | "passkey" | "recovery";

/**
 * Staff pass a second factor after the emailed link (docs/decisions.md "Second factor and passkeys"); the check is
 * asked again once it is 12 hours old, and security-changing admin actions want one younger than 15 minutes.
 */
export const SECOND_FACTOR_MAX_AGE_MS = 12 * HOUR;
export const SECOND_FACTOR_FRESH_MS = 15 * MINUTE;

/** Creates a server-side session; returns the id for the cookie (the table keeps only its hash). */
export async function createSession(
  userId: string,
  method: SessionMethod,
  meta: { ip: string | null; userAgent: string | null },
  on: DbOrTx = db,
): Promise<string> {
  const id = randomToken(32);
  const t = now();
  await on.insert(sessions).values({
    id: sha256Hex(id),
    userId,
    method,
    // A passkey with user verification is two factors in one (something held, unlocked by something known or
    // biometric): a staff session signed in with one has passed its second factor.
    ...(method === "passkey" ? { secondFactorAt: t, secondFactorMethod: "passkey" as const } : {}),
    createdAt: t,
    lastSeenAt: t,
    expiresAt: new Date(t.getTime() + ABSOLUTE_TIMEOUT_MS),
    ip: meta.ip,
    userAgent: meta.userAgent,
  });
  await on.update(users).set({ lastSignInAt: t, emailVerified: t }).where(eq(users.id, userId));
  return id;
}

export type SessionCheck =
  | {
      ok: true;
      principal: Principal;
      idleDeadline: Date;
      absoluteDeadline: Date;
      /** With `withOwnProfiles`, a client's own profiles (what `listMyProfiles` lists), read in the same statement. */
      ownProfiles?: OwnProfileRow[];
    }
  | { ok: false; reason: "missing" | "ended" | "idle" | "absolute" | "inactive" }
  /**
   * A live staff session that has not passed its second factor (or passed it 12 hours ago): no principal, so
   * nothing that takes one (pages, actions, routes, files) serves anything; `pending` is for the second-factor pages
   * only (lib/auth/second-factor-session.ts).
   */
  | { ok: false; reason: "second_factor"; pending: Principal; idleDeadline: Date; absoluteDeadline: Date };

/**
 * Re-checks a session on every request: it exists, was not ended or revoked, has not been idle for 15 minutes,
 * is not past 12 hours, and its user is still active. A session that just expired is ended and audited.
 * With `touch`, a live session's idle clock restarts.
 */
export async function checkSession(
  cookieId: string | undefined | null,
  opts: { touch: boolean; withOwnProfiles?: boolean } = { touch: true },
): Promise<SessionCheck> {
  if (!cookieId) return { ok: false, reason: "missing" };
  const id = sha256Hex(cookieId);
  const rows: SessionRow[] = opts.withOwnProfiles ? await sessionWithOwnProfiles(id) : await sessionAlone(id);
  return checkSessionRows(id, rows, opts);
}

/**
 * The same check on the session's rows already read (by its stored id): `checkSession`'s own statement, or the
 * root layout's statement that reads them with the practice settings (`settingsAndSession`). No rows: missing.
 */
export async function checkSessionRows(
  id: string,
  rows: SessionRow[] | SessionRowWithProfile[],
  opts: { touch: boolean; withOwnProfiles?: boolean },
): Promise<SessionCheck> {
  const row = rows[0];
  if (!row) return { ok: false, reason: "missing" };
  if (row.s.endedAt) return { ok: false, reason: "ended" };
  const t = now();
  let reason: "idle" | "absolute" | "inactive" | null = null;
  if (!row.u.active) reason = "inactive";
  else if (t.getTime() >= row.s.expiresAt.getTime()) reason = "absolute";
  else if (t.getTime() - row.s.lastSeenAt.getTime() >= IDLE_TIMEOUT_MS) reason = "idle";
  if (reason) {
    await endSession(id, reason, { userId: row.u.id, role: row.u.role });
    return { ok: false, reason };
  }
  let lastSeen = row.s.lastSeenAt;
  if (opts.touch && t.getTime() - lastSeen.getTime() >= TOUCH_EVERY_MS) {
    await db
      .update(sessions)
      .set({ lastSeenAt: t })
      .where(and(eq(sessions.id, id), isNull(sessions.endedAt)));
    lastSeen = t;
  }
  const principal: Principal = {
    userId: row.u.id,
    email: row.u.email,
    name: row.u.name,
    role: row.u.role,
    sessionId: id,
    activeProfileId: row.s.activeProfileId,
  };
  if (isStaff(principal) && !secondFactorCurrent(row.s.secondFactorAt, t)) {
    return {
      ok: false,
      reason: "second_factor",
      pending: principal,
      idleDeadline: new Date(lastSeen.getTime() + IDLE_TIMEOUT_MS),
      absoluteDeadline: row.s.expiresAt,
    };
  }
  return {
    ok: true,
    principal: {
      userId: row.u.id,
      email: row.u.email,
      name: row.u.name,
      role: row.u.role,
      sessionId: id,
      activeProfileId: row.s.activeProfileId,
    },
    idleDeadline: new Date(lastSeen.getTime() + IDLE_TIMEOUT_MS),
    absoluteDeadline: row.s.expiresAt,
    ...(opts.withOwnProfiles && principal.role === "client"
      ? {
          ownProfiles: (rows as SessionRowWithProfile[]).flatMap((r) =>
            r.profile && r.relationship ? [{ profile: r.profile, relationship: r.relationship, unread: r.unread }] : [],
          ),
        }
      : {}),
  };
}

// Only what the check reads (a narrower row is decoded faster on every request).
const sessionColumns = {
  s: {
    lastSeenAt: sessions.lastSeenAt,
    expiresAt: sessions.expiresAt,
    endedAt: sessions.endedAt,
    activeProfileId: sessions.activeProfileId,
    secondFactorAt: sessions.secondFactorAt,
  },
  u: { id: users.id, email: users.email, name: users.name, role: users.role, active: users.active },
};
export type SessionRow = {
  s: Pick<typeof sessions.$inferSelect, "lastSeenAt" | "expiresAt" | "endedAt" | "activeProfileId" | "secondFactorAt">;
  u: Pick<typeof users.$inferSelect, "id" | "email" | "name" | "role" | "active">;
};
export type SessionRowWithProfile = SessionRow & {
  profile: OwnProfileRow["profile"] | null;
  relationship: OwnProfileRow["relationship"] | null;
  unread: number;
};

// The session's user's access rows, for a client only: for staff the own-profiles join is not even tried.
function clientsOwnAccessOn(): SQL {
  return and(eq(users.role, "client"), eq(profileAccess.userId, users.id))!;
}

// Every signed-in request runs one of these: statements built once (db/prepared.ts).
function sessionAlone(id: string): Promise<SessionRow[]> {
  return runPrepared(
    "auth.session",
    (d) =>
      d
        .select(sessionColumns)
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(eq(sessions.id, sql.placeholder("id")))
        .limit(1)
        .prepare("auth_session"),
    { id },
  );
}

/**
 * The session and, in the same statement, its user's own profiles (a row per profile; one row with none for staff
 * and for a client without any): exactly the rows of `listMyProfiles`'s own statement (lib/profiles/queries.ts),
 * same scope (an access row, the profile not archived) and order. A page render's check (lib/auth/auth.ts) uses it,
 * so the portal's header, switcher and active-profile check cost no statement of their own (docs/performance.md).
 */
function sessionWithOwnProfiles(id: string): Promise<SessionRowWithProfile[]> {
  return runPrepared(
    "auth.session+profiles",
    (d) =>
      d
        .select({ ...sessionColumns, ...ownProfileColumns(users.id) })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .leftJoin(profileAccess, clientsOwnAccessOn())
        .leftJoin(clientProfiles, ownProfileOn())
        .where(eq(sessions.id, sql.placeholder("id")))
        .orderBy(...ownProfilesOrder())
        .prepare("auth_session_profiles"),
    { id },
  );
}

/**
 * The practice settings and, in the same statement, the session with its user's own profiles: the root layout's
 * one read on a signed-in request (lib/auth/auth.ts `startPageRender`), which every page's header and guard then
 * share, so a signed-in page costs one statement fewer (docs/performance.md). The settings row is the one
 * `getPracticeSettings` reads; the session rows are exactly `sessionWithOwnProfiles`'s (none when the id matches
 * no session). Null when there is no settings row yet (both are then read apart).
 */
export async function settingsAndSession(
  id: string,
): Promise<{ settings: PracticeSettings; rows: SessionRowWithProfile[] } | null> {
  const rows = await runPrepared(
    "practice.settings+auth.session",
    (d) =>
      d
        .select({ settings: practiceSettings, ...sessionColumns, ...ownProfileColumns(users.id) })
        .from(practiceSettings)
        .leftJoin(sessions, eq(sessions.id, sql.placeholder("id")))
        .leftJoin(users, eq(users.id, sessions.userId))
        .leftJoin(profileAccess, clientsOwnAccessOn())
        .leftJoin(clientProfiles, ownProfileOn())
        .where(eq(practiceSettings.id, 1))
        .orderBy(...ownProfilesOrder())
        .prepare("practice_settings_auth_session"),
    { id },
  );
  if (!rows.length) return null;
  return {
    settings: rows[0].settings,
    rows: rows.flatMap(({ s, u, profile, relationship, unread }) =>
      s && u ? [{ s, u, profile, relationship, unread }] : [],
    ),
  };
}

/** Ends one session (by its stored id). Idempotent. */
export async function endSession(
  storedId: string,
  reason: "sign_out" | "idle" | "absolute" | "inactive" | "revoked",
  actor: { userId: string; role: string | null },
  on: DbOrTx = db,
) {
  const ended = await on
    .update(sessions)
    .set({ endedAt: now(), endedReason: reason })
    .where(and(eq(sessions.id, storedId), isNull(sessions.endedAt)))
    .returning({ id: sessions.id });
  if (ended.length === 0) return;
  await audit(
    {
      action: reason === "sign_out" ? "auth.sign_out" : "auth.session_expired",
      actorUserId: actor.userId,
      actorRole: actor.role,
      targetType: "session",
      detail: { reason },
    },
    on,
  );
}

export async function endSessionByCookieId(
  cookieId: string,
  reason: "sign_out",
  actor: { userId: string; role: string | null },
) {
  await endSession(sha256Hex(cookieId), reason, actor);
}

/** Ends every live session of a user at once (access revoked, staff deactivated). */
export async function endAllSessionsOfUser(
  userId: string,
  reason: "revoked" | "inactive",
  on: DbOrTx = db,
): Promise<number> {
  const ended = await on
    .update(sessions)
    .set({ endedAt: now(), endedReason: reason })
    .where(and(eq(sessions.userId, userId), isNull(sessions.endedAt)))
    .returning({ id: sessions.id });
  return ended.length;
}

/** Sets the active profile on the session row (server-side, re-checked on every request). */
export async function setActiveProfile(storedSessionId: string, profileId: string | null, on: DbOrTx = db) {
  await on.update(sessions).set({ activeProfileId: profileId }).where(eq(sessions.id, storedSessionId));
}

/**
 * When the user's previous visit ended: the last activity of their latest session begun before this one, or null
 * on a first visit. Sessions begun later (another device) do not count, so a second sign-in elsewhere does not
 * hide what is new here. The portal home marks what was shared after it as new (docs/decisions.md, Client home).
 */
export async function previousVisitEnd(p: Pick<Principal, "userId" | "sessionId">): Promise<Date | null> {
  // One statement: this session's start is read inside the query (no current session → no row → null).
  const [row] = await previousVisitQuery(p);
  return row?.at ?? null;
}

function previousVisitQuery(p: Pick<Principal, "userId" | "sessionId">) {
  return db
    .select({ at: sessions.lastSeenAt })
    .from(sessions)
    .where(
      and(
        eq(sessions.userId, p.userId),
        ne(sessions.id, p.sessionId),
        lt(sessions.createdAt, sql`(select s.created_at from sessions s where s.id = ${p.sessionId})`),
      ),
    )
    .orderBy(desc(sessions.lastSeenAt))
    .limit(1);
}

/** `previousVisitEnd` as one column of a page's single SELECT (a scalar sub-select; null on a first visit). */
export function previousVisitEndSql(p: Pick<Principal, "userId" | "sessionId">): SQL<Date | null> {
  return sql<Date | null>`${previousVisitQuery(p)}`.mapWith(sessions.lastSeenAt);
}

/** Whether a second factor passed at `at` still counts at `t` (12 hours: docs/decisions.md "Second factor and passkeys"). */
export function secondFactorCurrent(at: Date | null, t: Date): boolean {
  return at !== null && t.getTime() - at.getTime() < SECOND_FACTOR_MAX_AGE_MS;
}

/** Records that this session passed its second factor now, and how. */
export async function markSecondFactorPassed(storedSessionId: string, method: SecondFactorMethod, on: DbOrTx = db) {
  await on
    .update(sessions)
    .set({ secondFactorAt: now(), secondFactorMethod: method })
    .where(and(eq(sessions.id, storedSessionId), isNull(sessions.endedAt)));
}

/** When this session last passed its second factor (null: never). */
export async function secondFactorPassedAt(storedSessionId: string): Promise<Date | null> {
  const [row] = await db
    .select({ at: sessions.secondFactorAt })
    .from(sessions)
    .where(eq(sessions.id, storedSessionId))
    .limit(1);
  return row?.at ?? null;
}

/** Whether a staff session's second factor is younger than 15 minutes (for security-changing admin actions). */
export async function secondFactorIsFresh(storedSessionId: string): Promise<boolean> {
  const at = await secondFactorPassedAt(storedSessionId);
  return at !== null && now().getTime() - at.getTime() < SECOND_FACTOR_FRESH_MS;
}
