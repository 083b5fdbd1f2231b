import "server-only";
import crypto from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { db } from "@/db";
import { pinCodes, users, type User } from "@/db/schema";
import { now, HOUR } from "@/lib/core/clock";
import { hashSecret, maskEmail, safeEqualHex } from "@/lib/core/crypto";
import { audit, type AuditAction } from "@/lib/audit/write";
import type { RequestMeta } from "@/lib/core/http";
import {} from "./links";
import { normalizeEmail } from "@/lib/core/validation";

/** docs/product.md, Sign-in rule 5: a PIN works once, for one address, for 1 hour; 5 wrong tries burn it. */
export const PIN_TTL_MS = HOUR;
export const PIN_MAX_FAILURES = 5;
const NO_USER_ID = "00000000-0000-0000-0000-000000000000";

/** 6 digits from the CSPRNG (crypto.randomInt is uniform, no modulo bias). */
export function randomPin(): string {
  return crypto.randomInt(0, 1_000_000).toString().padStart(6, "0");
}

/** The PIN is bound to its user: the same digits for another address never match. Keyed with AUTH_SECRET. */
const pinHash = (userId: string, pin: string) => hashSecret(`pin:${userId}:${pin}`);

/**
 * Issues a PIN for a user; a newer PIN replaces the older one (one row per user). Returns the code to show
 * once to the staff member; only its hash is stored. Callers authorise the actor first (lib/auth/portal-access.ts).
 */
export async function issuePin(
  userId: string,
  actor: { userId: string; role: string },
  profileId: string | null,
  meta: Partial<RequestMeta> = {},
): Promise<string> {
  const pin = randomPin();
  const t = now();
  await db.transaction(async (tx) => {
    const values = {
      userId,
      codeHash: pinHash(userId, pin),
      expiresAt: new Date(t.getTime() + PIN_TTL_MS),
      failedAttempts: 0,
      issuedById: actor.userId,
      createdAt: t,
    };
    await tx.insert(pinCodes).values(values).onConflictDoUpdate({ target: pinCodes.userId, set: values });
    await audit(
      {
        action: "auth.pin_issued",
        actorUserId: actor.userId,
        actorRole: actor.role,
        profileId,
        targetType: "user",
        targetId: userId,
        ip: meta.ip ?? null,
        userAgent: meta.userAgent ?? null,
      },
      tx,
    );
  });
  return pin;
}

export type PinResult = { ok: true; user: User } | { ok: false };

/**
 * Checks an address + PIN. A wrong address and a wrong PIN give the same answer (no account discovery).
 * The row is locked for the check, so concurrent guesses count one by one; a match deletes it (works once).
 */
export async function verifyPin(
  emailInput: string,
  pinInput: string,
  meta: Partial<RequestMeta> = {},
): Promise<PinResult> {
  const email = normalizeEmail(emailInput);
  const pin = String(pinInput ?? "").trim();
  const m = { ip: meta.ip ?? null, userAgent: meta.userAgent ?? null };
  return db.transaction(async (tx) => {
    // One audit row about this user, in this transaction, from this address.
    const auditUser = (u: User, action: AuditAction, detail?: Record<string, unknown>) =>
      audit({ action, actorUserId: u.id, actorRole: u.role, targetType: "user", targetId: u.id, detail, ...m }, tx);
    const [user] = await tx
      .select()
      .from(users)
      .where(and(eq(users.email, email), eq(users.active, true)))
      .limit(1);
    // An unknown address (or one with no PIN) runs the same statements as a wrong PIN, matching no row, so the
    // form's timing says nothing about who is a client (docs/product.md, Sign-in rule 5: same error; rule 2).
    const userId = user?.id ?? NO_USER_ID;
    const [row] = await tx.select().from(pinCodes).where(eq(pinCodes.userId, userId)).for("update").limit(1);
    const given = pinHash(userId, pin);
    if (!user || !row) {
      await tx
        .update(pinCodes)
        .set({ failedAttempts: sql`${pinCodes.failedAttempts} + 1` })
        .where(eq(pinCodes.userId, userId));
      await audit(
        {
          action: "auth.pin_failed",
          actorUserId: user?.id ?? null,
          subject: user ? undefined : maskEmail(email),
          detail: { reason: user ? "no_pin" : "unknown_address" },
          ...m,
        },
        tx,
      );
      return { ok: false } as const;
    }
    if (row.expiresAt.getTime() <= now().getTime()) {
      await tx.delete(pinCodes).where(eq(pinCodes.userId, user.id));
      await auditUser(user, "auth.pin_failed", { reason: "expired" });
      return { ok: false } as const;
    }
    if (/^\d{6}$/.test(pin) && safeEqualHex(given, row.codeHash)) {
      await tx.delete(pinCodes).where(eq(pinCodes.userId, user.id));
      await auditUser(user, "auth.pin_used");
      return { ok: true, user } as const;
    }
    const failures = row.failedAttempts + 1;
    if (failures >= PIN_MAX_FAILURES) {
      await tx.delete(pinCodes).where(eq(pinCodes.userId, user.id));
      await auditUser(user, "auth.pin_burned", { failures });
    } else {
      await tx.update(pinCodes).set({ failedAttempts: failures }).where(eq(pinCodes.userId, user.id));
      await auditUser(user, "auth.pin_failed", { reason: "wrong_pin", failures });
    }
    return { ok: false } as const;
  });
}
