import "server-only";
import { normalizeEmail } from "@/lib/core/validation";
import { and, eq, lt, sql } from "drizzle-orm";
import { db, type DbOrTx } from "@/db";
import { emailOutbox, spentLinks, users, verificationTokens, type User } from "@/db/schema";
import { now, DAY } from "@/lib/core/clock";
import { hashSecret, maskEmail, randomToken } from "@/lib/core/crypto";
import { audit, type AuditAction } from "@/lib/audit/write";
import { appUrl, prepareEmail } from "@/lib/email/outbox";
import type { RequestMeta } from "@/lib/core/http";

/** docs/product.md, Sign-in rules 1 and 3. */
export const LINK_TTL_MS = DAY;
export const WELCOME_TTL_MS = 7 * DAY;

/** The emailed URL carries only the token: no address, no PHI (docs/product.md, Sign-in rule 8). */
export const confirmUrl = (token: string) => appUrl(`/sign-in/confirm?token=${encodeURIComponent(token)}`);

/** Matches no account (addresses are validated emails): the address-less run of the statements below. */
const NO_ADDRESS = "";
const NO_USER_ID = "00000000-0000-0000-0000-000000000000";

/**
 * Issues a link and, in the same transaction, deletes every older one for that address (only the most recent
 * link works: rule 3) and queues the email. Returns the token only for tests; callers must not log it.
 *
 * `user` null is an address with no active account. It runs the very same statements, which then match no row:
 * an outsider timing "Email Me a Link" must not learn who is a client (rule 2), so a known address may not
 * cost more work than an unknown one. The email is queued as template + props, never rendered here
 * (docs/decisions.md "Email outbox"); every write is an INSERT … SELECT keyed on the account, so the database
 * does the same lookups whether or not it finds one.
 */
async function issueLink(
  user: Pick<User, "id" | "email"> | null,
  kind: "link" | "welcome",
  emailProps: { clinicianName?: string; audience?: "client" | "staff" },
  meta: Partial<RequestMeta>,
  auditRow: { action: AuditAction; actorUserId?: string | null; actorRole?: string | null; subject?: string },
) {
  const token = randomToken(32);
  const tokenHash = hashSecret(token);
  const t = now();
  const identifier = user?.email ?? NO_ADDRESS;
  const userId = user?.id ?? NO_USER_ID;
  const expires = new Date(t.getTime() + (kind === "welcome" ? WELCOME_TTL_MS : LINK_TTL_MS));
  // Subject and validated props only (string work); outside the transaction, so its locks are held briefly.
  const mail =
    kind === "welcome"
      ? await prepareEmail(db, "welcome", {
          url: confirmUrl(token),
          clinicianName: emailProps.clinicianName ?? "Your clinician",
          audience: emailProps.audience ?? "client",
        })
      : await prepareEmail(db, "sign-in-link", { url: confirmUrl(token) });
  const ts = t.toISOString();
  await db.transaction(async (tx) => {
    // Superseded links are remembered by hash, so the invalid-link page can explain and re-send (rule 4).
    await tx.execute(sql`
      WITH older AS (DELETE FROM ${verificationTokens} WHERE identifier = ${identifier} RETURNING token, expires)
      INSERT INTO ${spentLinks} (token_hash, user_id, reason, spent_at)
      SELECT older.token, ${userId}::uuid, CASE WHEN older.expires <= ${ts}::timestamptz THEN 'expired' ELSE 'superseded' END, ${ts}::timestamptz FROM older
      ON CONFLICT DO NOTHING`);
    await tx.delete(spentLinks).where(lt(spentLinks.spentAt, new Date(t.getTime() - SPENT_RETENTION_MS)));
    await tx.execute(sql`
      INSERT INTO ${verificationTokens} (identifier, token, expires, kind, created_at)
      SELECT email, ${tokenHash}, ${expires.toISOString()}::timestamptz, ${kind}, ${ts}::timestamptz FROM ${users} WHERE id = ${userId}::uuid AND email = ${identifier}`);
    if (kind === "welcome") await tx.update(users).set({ invitedAt: t }).where(eq(users.id, userId));
    await tx.execute(sql`
      INSERT INTO ${emailOutbox} ("to", subject, template, props, user_id, created_at, next_attempt_at)
      SELECT email, ${mail.subject}, ${mail.template}, ${JSON.stringify(mail.props)}::jsonb, id, ${ts}::timestamptz, ${ts}::timestamptz FROM ${users} WHERE id = ${userId}::uuid AND email = ${identifier}`);
    await audit(
      {
        action: auditRow.action,
        actorUserId: auditRow.actorUserId ?? null,
        actorRole: auditRow.actorRole ?? null,
        subject: auditRow.subject,
        targetType: user ? "user" : undefined,
        targetId: user?.id,
        ip: meta.ip ?? null,
        userAgent: meta.userAgent ?? null,
      },
      tx,
    );
  });
  return token;
}

/** How long a spent link still offers "Email me a new link" for its account. */
export const SPENT_RETENTION_MS = 30 * DAY;

async function rememberSpent(on: DbOrTx, tokenHash: string, userId: string, reason: "used" | "superseded" | "expired") {
  await on.insert(spentLinks).values({ tokenHash, userId, reason, spentAt: now() }).onConflictDoNothing();
}

export async function findActiveUserByEmail(email: string): Promise<User | undefined> {
  const [u] = await db
    .select()
    .from(users)
    .where(and(eq(users.email, normalizeEmail(email)), eq(users.active, true)))
    .limit(1);
  return u;
}

/**
 * "Email Me a Link". The caller shows the same page whatever happens here (rule 2): an unknown or inactive
 * address gets no account, no email, only an audit row with the masked address, after the same work as a
 * known one (issueLink).
 */
export async function requestSignInLink(
  email: string,
  meta: Partial<RequestMeta>,
): Promise<{ sent: boolean; token?: string }> {
  const user = (await findActiveUserByEmail(email)) ?? null;
  const token = await issueLink(
    user,
    "link",
    {},
    meta,
    user
      ? { action: "auth.link_requested", actorUserId: user.id }
      : { action: "auth.link_request_unknown", subject: maskEmail(normalizeEmail(email)) },
  );
  return user ? { sent: true, token } : { sent: false };
}

/**
 * "Email me a new link" from an invalid link's page: a fresh sign-in link for that link's account. `null` (an
 * unknown link, or an inactive account) does the same work and sends nothing.
 */
export async function resendSignInLink(
  user: Pick<User, "id" | "email"> | null,
  meta: Partial<RequestMeta>,
): Promise<string | null> {
  const token = await issueLink(
    user,
    "link",
    {},
    meta,
    user ? { action: "auth.link_requested", actorUserId: user.id } : { action: "auth.link_resend_unknown" },
  );
  return user ? token : null;
}

/** The clinician's "Send welcome email" (rule 1). Sending again supersedes the earlier link. */
export async function sendWelcomeLink(
  user: Pick<User, "id" | "email">,
  clinicianName: string,
  actor: { userId: string; role: string },
  meta: Partial<RequestMeta>,
) {
  // Staff are invited to the dashboard, clients to the portal: the wording differs, the link works alike.
  const [row] = await db.select({ role: users.role }).from(users).where(eq(users.id, user.id)).limit(1);
  const audience = row?.role === "client" ? "client" : "staff";
  return issueLink(user, "welcome", { clinicianName, audience }, meta, {
    action: "auth.welcome_sent",
    actorUserId: actor.userId,
    actorRole: actor.role,
  });
}

export type InvalidReason = "used" | "superseded" | "expired" | "unknown";
export type LinkDescription =
  | { state: "valid"; maskedEmail: string; kind: "link" | "welcome" }
  | { state: "invalid"; reason: InvalidReason; canResend: boolean };

const hashToken = (token: string | undefined | null) =>
  typeof token === "string" && token.length > 0 && token.length <= 200 ? hashSecret(token) : null;

/** For the confirm page's GET/HEAD: looks, never consumes (rule 4: mail scanners open links first). */
export async function describeLink(token: string | undefined | null): Promise<LinkDescription> {
  const hashed = hashToken(token);
  if (!hashed) return { state: "invalid", reason: "unknown", canResend: false };
  const [row] = await db.select().from(verificationTokens).where(eq(verificationTokens.token, hashed)).limit(1);
  if (row && row.expires.getTime() > now().getTime())
    return { state: "valid", maskedEmail: maskEmail(row.identifier), kind: row.kind };
  if (row) return { state: "invalid", reason: "expired", canResend: true };
  const [spent] = await db.select().from(spentLinks).where(eq(spentLinks.tokenHash, hashed)).limit(1);
  if (spent) return { state: "invalid", reason: spent.reason, canResend: true };
  return { state: "invalid", reason: "unknown", canResend: false };
}

/**
 * "Email me a new link" from an invalid link: finds the account the old link was for (an expired link still in
 * verification_tokens, or a spent one by hash) without the address ever reaching the browser or a URL.
 * Returns the address to send to, or null when the link is unknown or the account is inactive.
 */
export async function accountForOldLink(token: string | undefined | null): Promise<User | null> {
  const hashed = hashToken(token);
  if (!hashed) return null;
  const [row] = await db
    .select({ identifier: verificationTokens.identifier })
    .from(verificationTokens)
    .where(eq(verificationTokens.token, hashed))
    .limit(1);
  if (row) return (await findActiveUserByEmail(row.identifier)) ?? null;
  const [spent] = await db
    .select({ u: users })
    .from(spentLinks)
    .innerJoin(users, eq(users.id, spentLinks.userId))
    .where(and(eq(spentLinks.tokenHash, hashed), eq(users.active, true)))
    .limit(1);
  return spent?.u ?? null;
}

export type ConsumeResult =
  { ok: true; user: User; kind: "link" | "welcome" } | { ok: false; reason: "unknown" | "expired" | "inactive" };

/**
 * The Sign In button's POST. One DELETE … RETURNING takes the token: of any number of concurrent POSTs
 * exactly one gets the row (rule 3: works once). Unknown covers used and superseded links.
 */
export async function consumeLink(token: string, meta: Partial<RequestMeta>): Promise<ConsumeResult> {
  const hashed = hashToken(token);
  const [row] = hashed
    ? await db.delete(verificationTokens).where(eq(verificationTokens.token, hashed)).returning()
    : [];
  let result: ConsumeResult;
  if (!row) result = { ok: false, reason: "unknown" };
  else if (row.expires.getTime() <= now().getTime()) result = { ok: false, reason: "expired" };
  else {
    const user = await findActiveUserByEmail(row.identifier);
    result = user ? { ok: true, user, kind: row.kind } : { ok: false, reason: "inactive" };
  }
  if (row && hashed) {
    const owner = await db.select({ id: users.id }).from(users).where(eq(users.email, row.identifier)).limit(1);
    if (owner[0])
      await rememberSpent(db, hashed, owner[0].id, result.ok || result.reason !== "expired" ? "used" : "expired");
  }
  if (result.ok) {
    await audit({
      action: "auth.link_used",
      actorUserId: result.user.id,
      actorRole: result.user.role,
      targetType: "user",
      targetId: result.user.id,
      detail: { kind: result.kind },
      ip: meta.ip ?? null,
      userAgent: meta.userAgent ?? null,
    });
  } else {
    await audit({
      action: "auth.link_rejected",
      subject: row ? maskEmail(row.identifier) : undefined,
      detail: { reason: result.reason },
      ip: meta.ip ?? null,
      userAgent: meta.userAgent ?? null,
    });
  }
  return result;
}
