import "server-only";
import { and, count, eq, gt, lt, sql } from "drizzle-orm";
import { db } from "@/db";
import { rateLimitEvents } from "@/db/schema";
import { now, HOUR, MINUTE } from "@/lib/core/clock";
import { env } from "@/lib/core/env";
import { hashSecret } from "@/lib/core/crypto";

/**
 * Rate limits kept in the database, so they hold across several app servers (docs/decisions.md, Sign-in and sessions: Rate limits).
 * A rolling window: at most `limit` allowed events per key in the last `windowMs`. Each check takes a
 * transaction-scoped advisory lock on the key, so concurrent requests on several servers cannot all slip
 * past the last free slot. Only allowed events are recorded; rejected ones do not extend the lock-out.
 */
export type Limit = { key: string; limit: number; windowMs: number };

export async function tryConsume(limits: Limit[]): Promise<{ ok: true } | { ok: false; key: string }> {
  return db.transaction(async (tx) => {
    const t = now();
    for (const l of [...limits].sort((a, b) => a.key.localeCompare(b.key))) {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${l.key}))`);
    }
    for (const l of limits) {
      const since = new Date(t.getTime() - l.windowMs);
      const [row] = await tx
        .select({ n: count() })
        .from(rateLimitEvents)
        .where(and(eq(rateLimitEvents.key, l.key), gt(rateLimitEvents.at, since)));
      if ((row?.n ?? 0) >= l.limit) return { ok: false as const, key: l.key };
    }
    for (const l of limits) {
      // Old events of this key are no longer needed: keep the table small.
      await tx
        .delete(rateLimitEvents)
        .where(and(eq(rateLimitEvents.key, l.key), lt(rateLimitEvents.at, new Date(t.getTime() - l.windowMs))));
      await tx.insert(rateLimitEvents).values({ key: l.key, at: t });
    }
    return { ok: true as const };
  });
}

/** Keys never hold an address in clear: a keyed hash of the normalised email. */
const emailKey = (email: string) => hashSecret(`rl:${email.trim().toLowerCase()}`).slice(0, 32);
const ipKey = (ip: string | null) => ip ?? "unknown";

/** "Email Me a Link" (and "Email me a new link"): per address and per IP, per hour. */
export function linkRequestLimits(email: string | null, ip: string | null): Limit[] {
  const e = env();
  const limits: Limit[] = [{ key: `link:ip:${ipKey(ip)}`, limit: e.RATE_LIMIT_LINK_PER_IP, windowMs: HOUR }];
  if (email) limits.push({ key: `link:email:${emailKey(email)}`, limit: e.RATE_LIMIT_LINK_PER_EMAIL, windowMs: HOUR });
  return limits;
}

/** PIN sign-in attempts per IP, per hour (each PIN also burns after 5 wrong tries: lib/auth/pin.ts). */
export function pinAttemptLimits(ip: string | null): Limit[] {
  return [{ key: `pin:ip:${ipKey(ip)}`, limit: env().RATE_LIMIT_PIN_PER_IP, windowMs: HOUR }];
}

/** Authenticator-app and recovery codes, per person per 15 minutes (docs/decisions.md "Second factor and passkeys"). */
export function secondFactorLimits(userId: string): Limit[] {
  return [{ key: `2fa:user:${userId}`, limit: env().RATE_LIMIT_SECOND_FACTOR_PER_USER, windowMs: 15 * MINUTE }];
}

/** Secure messages per person per rolling minute (docs/decisions.md, Messaging). */
export function messageSendLimits(userId: string): Limit[] {
  return [{ key: `msg:user:${userId}`, limit: env().RATE_LIMIT_MESSAGES_PER_MINUTE, windowMs: MINUTE }];
}
