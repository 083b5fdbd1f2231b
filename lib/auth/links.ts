import "server-only";
import { normalizeEmail } from "@/lib/core/validation";
import { and, eq, lt } from "drizzle-orm";
import { db, type DbOrTx } from "@/db";
import { spentLinks, users, verificationTokens, type User } from "@/db/schema";
import { now, DAY } from "@/lib/core/clock";
import { hashSecret, maskEmail, randomToken } from "@/lib/core/crypto";
import { audit } from "@/lib/audit/write";
import { appUrl, enqueueEmail } from "@/lib/email/outbox";
import type { RequestMeta } from "@/lib/core/http";

/** docs/product.md, Sign-in rules 1 and 3. */
export const LINK_TTL_MS = DAY;
export const WELCOME_TTL_MS = 7 * DAY;


/** The emailed URL carries only the token: no address, no PHI (docs/product.md, Sign-in rule 8). */
export const confirmUrl = (token: string) => appUrl(`/sign-in/confirm?token=${encodeURIComponent(token)}`);

/**
 * Issues a link and, in the same transaction, deletes every older one for that address (only the most recent
 * link works: rule 3) and queues the email. Returns the token only for tests; callers must not log it.
 */
async function issueLink(user: Pick<User, "id" | "email">, kind: "link" | "welcome", emailProps: { clinicianName?: string }, meta: Partial<RequestMeta>, actor?: { userId: string; role: string }) {
  const token = randomToken(32);
  const t = now();
  await db.transaction(async (tx) => {
    const older = await tx.delete(verificationTokens).where(eq(verificationTokens.identifier, user.email)).returning({ token: verificationTokens.token, expires: verificationTokens.expires });
    // Remember superseded links by hash, so the invalid-link page can explain and re-send (rule 4).
    for (const o of older) await rememberSpent(tx, o.token, user.id, o.expires.getTime() <= t.getTime() ? "expired" : "superseded");
    await tx.delete(spentLinks).where(lt(spentLinks.spentAt, new Date(t.getTime() - SPENT_RETENTION_MS)));
    await tx.insert(verificationTokens).values({
      identifier: user.email,
      token: hashSecret(token),
      expires: new Date(t.getTime() + (kind === "welcome" ? WELCOME_TTL_MS : LINK_TTL_MS)),
      kind,
      createdAt: t,
    });
    if (kind === "welcome") {
      const [invited] = await tx.update(users).set({ invitedAt: t }).where(eq(users.id, user.id)).returning({ role: users.role });
      // Staff are invited to the dashboard, clients to the portal: the wording differs, the link works alike.
      const audience = invited?.role === "client" ? "client" : "staff";
      await enqueueEmail(tx, { to: user.email, template: "welcome", props: { url: confirmUrl(token), clinicianName: emailProps.clinicianName ?? "Your clinician", audience }, userId: user.id });
    } else {
      await enqueueEmail(tx, { to: user.email, template: "sign-in-link", props: { url: confirmUrl(token) }, userId: user.id });
    }
    await audit(
      {
        action: kind === "welcome" ? "auth.welcome_sent" : "auth.link_requested",
        actorUserId: actor?.userId ?? user.id,
        actorRole: actor?.role ?? null,
        targetType: "user",
        targetId: user.id,
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
 * address gets no account, no email, only an audit row with the masked address.
 */
export async function requestSignInLink(email: string, meta: Partial<RequestMeta>): Promise<{ sent: boolean; token?: string }> {
  const user = await findActiveUserByEmail(email);
  if (!user) {
    await audit({ action: "auth.link_request_unknown", subject: maskEmail(normalizeEmail(email)), ip: meta.ip ?? null, userAgent: meta.userAgent ?? null });
    return { sent: false };
  }
  const token = await issueLink(user, "link", {}, meta);
  return { sent: true, token };
}

/** "Email me a new link" from an invalid link's page: a fresh sign-in link for that link's account. */
export async function resendSignInLink(user: Pick<User, "id" | "email">, meta: Partial<RequestMeta>): Promise<string> {
  return issueLink(user, "link", {}, meta);
}

/** The clinician's "Send welcome email" (rule 1). Sending again supersedes the earlier link. */
export async function sendWelcomeLink(user: Pick<User, "id" | "email">, clinicianName: string, actor: { userId: string; role: string }, meta: Partial<RequestMeta>) {
  return issueLink(user, "welcome", { clinicianName }, meta, actor);
}

export type InvalidReason = "used" | "superseded" | "expired" | "unknown";
export type LinkDescription = { state: "valid"; maskedEmail: string; kind: "link" | "welcome" } | { state: "invalid"; reason: InvalidReason; canResend: boolean };

const hashToken = (token: string | undefined | null) => (typeof token === "string" && token.length > 0 && token.length <= 200 ? hashSecret(token) : null);

/** For the confirm page's GET/HEAD: looks, never consumes (rule 4: mail scanners open links first). */
export async function describeLink(token: string | undefined | null): Promise<LinkDescription> {
  const hashed = hashToken(token);
  if (!hashed) return { state: "invalid", reason: "unknown", canResend: false };
  const [row] = await db.select().from(verificationTokens).where(eq(verificationTokens.token, hashed)).limit(1);
  if (row && row.expires.getTime() > now().getTime()) return { state: "valid", maskedEmail: maskEmail(row.identifier), kind: row.kind };
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
  const [row] = await db.select({ identifier: verificationTokens.identifier }).from(verificationTokens).where(eq(verificationTokens.token, hashed)).limit(1);
  if (row) return (await findActiveUserByEmail(row.identifier)) ?? null;
  const [spent] = await db
    .select({ u: users })
    .from(spentLinks)
    .innerJoin(users, eq(users.id, spentLinks.userId))
    .where(and(eq(spentLinks.tokenHash, hashed), eq(users.active, true)))
    .limit(1);
  return spent?.u ?? null;
}

export type ConsumeResult = { ok: true; user: User; kind: "link" | "welcome" } | { ok: false; reason: "unknown" | "expired" | "inactive" };

/**
 * The Sign In button's POST. One DELETE … RETURNING takes the token: of any number of concurrent POSTs
 * exactly one gets the row (rule 3: works once). Unknown covers used and superseded links.
 */
export async function consumeLink(token: string, meta: Partial<RequestMeta>): Promise<ConsumeResult> {
  const hashed = hashToken(token);
  const [row] = hashed ? await db.delete(verificationTokens).where(eq(verificationTokens.token, hashed)).returning() : [];
  let result: ConsumeResult;
  if (!row) result = { ok: false, reason: "unknown" };
  else if (row.expires.getTime() <= now().getTime()) result = { ok: false, reason: "expired" };
  else {
    const user = await findActiveUserByEmail(row.identifier);
    result = user ? { ok: true, user, kind: row.kind } : { ok: false, reason: "inactive" };
  }
  if (row && hashed) {
    const owner = await db.select({ id: users.id }).from(users).where(eq(users.email, row.identifier)).limit(1);
    if (owner[0]) await rememberSpent(db, hashed, owner[0].id, result.ok || result.reason !== "expired" ? "used" : "expired");
  }
  if (result.ok) {
    await audit({ action: "auth.link_used", actorUserId: result.user.id, actorRole: result.user.role, targetType: "user", targetId: result.user.id, detail: { kind: result.kind }, ip: meta.ip ?? null, userAgent: meta.userAgent ?? null });
  } else {
    await audit({ action: "auth.link_rejected", subject: row ? maskEmail(row.identifier) : undefined, detail: { reason: result.reason }, ip: meta.ip ?? null, userAgent: meta.userAgent ?? null });
  }
  return result;
}
