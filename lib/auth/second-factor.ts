import "server-only";
import crypto from "node:crypto";
import { and, count, eq, isNotNull, isNull, lt, or } from "drizzle-orm";
import { generateSecret, generateURI, verify } from "otplib";
import QRCode from "qrcode";
import { db, type DbOrTx } from "@/db";
import { passkeys, recoveryCodes, totpCredentials, users, webauthnChallenges } from "@/db/schema";
import { now } from "@/lib/core/clock";
import { hashSecret, openSecret, sealSecret } from "@/lib/core/crypto";
import { ConflictError, ExpectedError, NotFoundError, ValidationError } from "@/lib/core/errors";
import { assertAdmin, isStaff, type AdminPrincipal, type Principal } from "@/lib/core/principal";
import { audit } from "@/lib/audit/write";
import { secondFactorLimits, tryConsume } from "@/lib/rate-limit/limit";
import { appUrl, enqueueEmail } from "@/lib/email/outbox";
import { getPracticeSettings } from "@/lib/practice/settings";
import { endAllSessionsOfUser, markSecondFactorPassed } from "./sessions";

/**
 * Staff second factor (docs/decisions.md "Second factor and passkeys"): an authenticator app (TOTP, RFC 6238, via
 * otplib) or a passkey (lib/auth/passkeys.ts), with ten single-use recovery codes. Secrets are sealed at rest,
 * recovery codes kept as keyed hashes; a code is accepted once (the last accepted time step is stored) and attempts
 * are rate limited per person.
 */

export const TOTP_ISSUER = "Haven";
/** One step either side: clocks on phones drift, and typing takes time (RFC 6238 section 5.2). */
const TOTP_TOLERANCE_S = 30;
const RECOVERY_CODE_COUNT = 10;
/** No 0/o, 1/l/i: codes are read off paper. */
const RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

const TOO_MANY = "Too many attempts. Wait 15 minutes and try again, or ask your practice admin to reset your sign-in.";
const WRONG_CODE = "That code didn't work. Check the app and enter the newest code.";

export type SecondFactorStatus = {
  totp: boolean;
  passkeys: number;
  recoveryCodesLeft: number;
};

export async function secondFactorStatus(userId: string, on: DbOrTx = db): Promise<SecondFactorStatus> {
  const [[t], [pk], [rc]] = await Promise.all([
    on
      .select({ n: count() })
      .from(totpCredentials)
      .where(and(eq(totpCredentials.userId, userId), isNotNull(totpCredentials.confirmedAt))),
    on.select({ n: count() }).from(passkeys).where(eq(passkeys.userId, userId)),
    on
      .select({ n: count() })
      .from(recoveryCodes)
      .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt))),
  ]);
  return { totp: (t?.n ?? 0) > 0, passkeys: pk?.n ?? 0, recoveryCodesLeft: rc?.n ?? 0 };
}

export const hasSecondFactor = (s: SecondFactorStatus) => s.totp || s.passkeys > 0;

/**
 * Who may add a factor: anyone whose session passed its second factor (or a client, who has none to pass), and a
 * staff session before its second factor only while the person has no factor at all — the first sign-in after
 * this change, or after an admin's reset. Otherwise an emailed link alone could add a factor and skip the check.
 */
export async function assertMayEnrol(p: Principal, passed: boolean): Promise<void> {
  if (passed) return;
  if (!isStaff(p)) return;
  if (hasSecondFactor(await secondFactorStatus(p.userId))) throw new NotFoundError();
}

async function limit(userId: string) {
  const r = await tryConsume(secondFactorLimits(userId));
  if (!r.ok) {
    await audit({ action: "auth.rate_limited", actorUserId: userId, targetType: "user", detail: { limit: "2fa" } });
    throw new ExpectedError(TOO_MANY, 429);
  }
}

const epochNow = () => Math.floor(now().getTime() / 1000);

/** The code field: six digits, spaces allowed ("123 456"). */
function normaliseTotp(code: string): string | null {
  const c = code.replace(/\s+/g, "");
  return /^\d{6}$/.test(c) ? c : null;
}

// ---- authenticator app ----

export type TotpEnrolment = { secret: string; uri: string; qrDataUrl: string };

/**
 * Starts (or resumes) enrolment: an unconfirmed secret is kept sealed until a code from it is entered, so reloading
 * the page shows the same QR code. A confirmed secret is never shown again.
 */
export async function startTotpEnrolment(p: Principal, passed: boolean): Promise<TotpEnrolment> {
  if (!isStaff(p)) throw new NotFoundError();
  await assertMayEnrol(p, passed);
  const [row] = await db.select().from(totpCredentials).where(eq(totpCredentials.userId, p.userId)).limit(1);
  if (row?.confirmedAt) throw new ConflictError("An authenticator app is already set up.");
  let secret = row ? openSecret(row.secretSealed, p.userId) : null;
  if (!secret) {
    secret = generateSecret();
    await db
      .insert(totpCredentials)
      .values({ userId: p.userId, secretSealed: sealSecret(secret, p.userId) })
      .onConflictDoUpdate({
        target: totpCredentials.userId,
        set: { secretSealed: sealSecret(secret, p.userId), confirmedAt: null, lastTimeStep: null, createdAt: now() },
      });
  }
  const practice = await getPracticeSettings();
  const uri = generateURI({ issuer: practice.name || TOTP_ISSUER, label: p.email, secret });
  const qrDataUrl = await QRCode.toDataURL(uri, { errorCorrectionLevel: "M", margin: 2, width: 220 });
  return { secret, uri, qrDataUrl };
}

/** Checks a code against a secret, refusing the step already used (no replay within the window). */
async function checkTotp(secret: string, code: string, lastTimeStep: number | null) {
  const r = await verify({
    secret,
    token: code,
    epoch: epochNow(),
    epochTolerance: TOTP_TOLERANCE_S,
    ...(lastTimeStep !== null ? { afterTimeStep: lastTimeStep } : {}),
  });
  // The TOTP result carries the step that matched (the type is shared with HOTP's, which has none).
  const step = r.valid ? (r as { timeStep?: number }).timeStep : undefined;
  return typeof step === "number" ? step : null;
}

/**
 * Confirms enrolment with a first code: the app is now a factor, ten recovery codes are issued (returned once),
 * and the session has passed its second factor.
 */
export async function confirmTotpEnrolment(p: Principal, passed: boolean, rawCode: string): Promise<string[]> {
  if (!isStaff(p)) throw new NotFoundError();
  await assertMayEnrol(p, passed);
  const code = normaliseTotp(rawCode);
  if (!code) throw new ValidationError(WRONG_CODE, { code: ["Enter the 6-digit code from your app."] });
  await limit(p.userId);
  const [row] = await db
    .select()
    .from(totpCredentials)
    .where(and(eq(totpCredentials.userId, p.userId), isNull(totpCredentials.confirmedAt)))
    .limit(1);
  const secret = row ? openSecret(row.secretSealed, p.userId) : null;
  if (!secret) throw new ConflictError("Start again: reload this page to get a new code.");
  const step = await checkTotp(secret, code, null);
  if (step === null) {
    await audit({
      action: "auth.totp_failed",
      actor: p,
      targetType: "user",
      targetId: p.userId,
      detail: { enrol: true },
    });
    throw new ValidationError(WRONG_CODE, { code: [WRONG_CODE] });
  }
  return db.transaction(async (tx) => {
    await tx
      .update(totpCredentials)
      .set({ confirmedAt: now(), lastTimeStep: step })
      .where(eq(totpCredentials.userId, p.userId));
    const codes = await issueRecoveryCodes(p, tx, { onlyIfNone: true });
    await markSecondFactorPassed(p.sessionId, "totp", tx);
    await audit({ action: "auth.totp_enrolled", actor: p, targetType: "user", targetId: p.userId }, tx);
    return codes;
  });
}

/** The second step of a staff sign-in (or a re-check): a code from the app, once. */
export async function verifyTotpCode(p: Principal, rawCode: string): Promise<void> {
  if (!isStaff(p)) throw new NotFoundError();
  const code = normaliseTotp(rawCode);
  if (!code) throw new ValidationError(WRONG_CODE, { code: ["Enter the 6-digit code from your app."] });
  await limit(p.userId);
  const [row] = await db
    .select()
    .from(totpCredentials)
    .where(and(eq(totpCredentials.userId, p.userId), isNotNull(totpCredentials.confirmedAt)))
    .limit(1);
  const secret = row ? openSecret(row.secretSealed, p.userId) : null;
  const step = secret ? await checkTotp(secret, code, row!.lastTimeStep) : null;
  // The step is taken with a conditional update, so two requests racing with one code cannot both pass.
  const taken =
    step !== null &&
    (
      await db
        .update(totpCredentials)
        .set({ lastTimeStep: step })
        .where(
          and(
            eq(totpCredentials.userId, p.userId),
            or(isNull(totpCredentials.lastTimeStep), lt(totpCredentials.lastTimeStep, step)),
          ),
        )
        .returning({ userId: totpCredentials.userId })
    ).length === 1;
  if (!taken) {
    await audit({ action: "auth.totp_failed", actor: p, targetType: "user", targetId: p.userId });
    throw new ValidationError(WRONG_CODE, { code: [WRONG_CODE] });
  }
  await db.transaction(async (tx) => {
    await markSecondFactorPassed(p.sessionId, "totp", tx);
    await audit({ action: "auth.totp_used", actor: p, targetType: "user", targetId: p.userId }, tx);
    await audit(
      { action: "auth.second_factor_passed", actor: p, targetType: "session", detail: { method: "totp" } },
      tx,
    );
  });
}

/** Removes the authenticator app, only while a passkey remains (staff never drop to email alone). */
export async function removeTotp(p: Principal): Promise<void> {
  if (!isStaff(p)) throw new NotFoundError();
  const s = await secondFactorStatus(p.userId);
  if (!s.totp) throw new NotFoundError();
  if (s.passkeys === 0)
    throw new ConflictError("Add a passkey before removing the authenticator app: staff always keep a second factor.");
  await db.transaction(async (tx) => {
    await tx.delete(totpCredentials).where(eq(totpCredentials.userId, p.userId));
    await audit({ action: "auth.totp_removed", actor: p, targetType: "user", targetId: p.userId }, tx);
  });
}

// ---- recovery codes ----

function newRecoveryCode(): string {
  const bytes = crypto.randomBytes(10);
  const chars = [...bytes].map((b) => RECOVERY_ALPHABET[b % RECOVERY_ALPHABET.length]).join("");
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}
const normaliseRecovery = (code: string) => code.toLowerCase().replace(/[^a-z0-9]/g, "");
const hashRecovery = (userId: string, code: string) => hashSecret(`recovery:${userId}:${normaliseRecovery(code)}`);

/**
 * Ten new codes, replacing any earlier ones; returned once, kept only as keyed hashes. With `onlyIfNone`, a person
 * who still has unused codes keeps them (and gets none back).
 */
export async function issueRecoveryCodes(
  p: Principal,
  on: DbOrTx = db,
  opts: { onlyIfNone?: boolean } = {},
): Promise<string[]> {
  if (opts.onlyIfNone) {
    const [row] = await on
      .select({ n: count() })
      .from(recoveryCodes)
      .where(and(eq(recoveryCodes.userId, p.userId), isNull(recoveryCodes.usedAt)));
    if ((row?.n ?? 0) > 0) return [];
  }
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await on.delete(recoveryCodes).where(eq(recoveryCodes.userId, p.userId));
  await on.insert(recoveryCodes).values(codes.map((c) => ({ userId: p.userId, codeHash: hashRecovery(p.userId, c) })));
  await audit({ action: "auth.recovery_codes_issued", actor: p, targetType: "user", targetId: p.userId }, on);
  return codes;
}

/** "Generate new recovery codes" on the Security page: staff with a factor, after passing it. */
export async function regenerateRecoveryCodes(p: Principal): Promise<string[]> {
  if (!isStaff(p)) throw new NotFoundError();
  if (!hasSecondFactor(await secondFactorStatus(p.userId))) throw new NotFoundError();
  return db.transaction((tx) => issueRecoveryCodes(p, tx));
}

/** A recovery code instead of the app or passkey: each works once. */
export async function useRecoveryCode(p: Principal, rawCode: string): Promise<void> {
  if (!isStaff(p)) throw new NotFoundError();
  const bad = "That recovery code didn't work. Each code works once.";
  if (normaliseRecovery(rawCode).length !== 10) throw new ValidationError(bad, { recoveryCode: [bad] });
  await limit(p.userId);
  const used = await db
    .update(recoveryCodes)
    .set({ usedAt: now() })
    .where(
      and(
        eq(recoveryCodes.userId, p.userId),
        eq(recoveryCodes.codeHash, hashRecovery(p.userId, rawCode)),
        isNull(recoveryCodes.usedAt),
      ),
    )
    .returning({ id: recoveryCodes.id });
  if (used.length !== 1) {
    await audit({ action: "auth.recovery_code_failed", actor: p, targetType: "user", targetId: p.userId });
    throw new ValidationError(bad, { recoveryCode: [bad] });
  }
  await db.transaction(async (tx) => {
    await markSecondFactorPassed(p.sessionId, "recovery", tx);
    await audit({ action: "auth.recovery_code_used", actor: p, targetType: "user", targetId: p.userId }, tx);
    await audit(
      { action: "auth.second_factor_passed", actor: p, targetType: "session", detail: { method: "recovery" } },
      tx,
    );
  });
}

// ---- admin reset ----

/**
 * The admin's reset of a staff member's second factor (lost phone, lost passkeys): removes the app, passkeys and
 * recovery codes, ends the person's sessions, and emails them (no PHI). Their next sign-in enrols again. Losing
 * every factor is recoverable only this way or with a recovery code, never by email alone.
 */
export async function resetSecondFactor(admin: AdminPrincipal, staffUserId: string): Promise<void> {
  assertAdmin(admin);
  await db.transaction(async (tx) => {
    const [u] = await tx
      .select({ id: users.id, email: users.email, role: users.role })
      .from(users)
      .where(eq(users.id, staffUserId))
      .limit(1);
    if (!u || !isStaff(u)) throw new NotFoundError();
    if (u.id === admin.userId) throw new ConflictError("Another admin must reset your own sign-in.");
    await tx.delete(totpCredentials).where(eq(totpCredentials.userId, u.id));
    await tx.delete(passkeys).where(eq(passkeys.userId, u.id));
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, u.id));
    await tx.delete(webauthnChallenges).where(eq(webauthnChallenges.userId, u.id));
    const ended = await endAllSessionsOfUser(u.id, "revoked", tx);
    await audit(
      {
        action: "auth.second_factor_reset",
        actor: admin,
        targetType: "user",
        targetId: u.id,
        detail: { sessionsEnded: ended },
      },
      tx,
    );
    await enqueueEmail(tx, {
      to: u.email,
      template: "second-factor-reset",
      props: { url: appUrl("/sign-in") },
      userId: u.id,
    });
  });
}

/** Challenges past their five minutes are of no use: pruned whenever a new one is made. */
export async function pruneChallenges(on: DbOrTx = db) {
  await on.delete(webauthnChallenges).where(lt(webauthnChallenges.expiresAt, now()));
}
