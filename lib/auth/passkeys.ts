import "server-only";
import { and, asc, eq, gt, ne } from "drizzle-orm";
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransport,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from "@simplewebauthn/server";
import { db } from "@/db";
import { passkeys, users, webauthnChallenges } from "@/db/schema";
import { now, MINUTE } from "@/lib/core/clock";
import { env } from "@/lib/core/env";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/core/errors";
import { formatDate } from "@/lib/core/time";
import { isStaff, type Principal } from "@/lib/core/principal";
import type { RequestMeta } from "@/lib/core/http";
import { audit } from "@/lib/audit/write";
import { getPracticeSettings } from "@/lib/practice/settings";
import {
  assertMayEnrol,
  hasSecondFactor,
  issueRecoveryCodes,
  pruneChallenges,
  secondFactorStatus,
} from "./second-factor";
import { markSecondFactorPassed } from "./sessions";

/**
 * Passkeys (WebAuthn, through @simplewebauthn/server; docs/decisions.md "Second factor and passkeys"). The relying
 * party is APP_URL's host and only APP_URL's origin is accepted. Every ceremony answers a challenge kept on the
 * server for five minutes and deleted when it is used, so an assertion cannot be replayed. User verification
 * (PIN or biometric on the device) is required: that is what lets a passkey count as both factors for staff.
 */

const CHALLENGE_TTL_MS = 5 * MINUTE;
const REFUSED = "That passkey didn't work. Try again, or use another way to sign in.";

const rp = () => {
  const u = new URL(env().APP_URL);
  return { rpID: u.hostname, origin: u.origin };
};

type Purpose = "register" | "sign_in" | "second_factor";

async function storeChallenge(userId: string | null, purpose: Purpose, challenge: string): Promise<string> {
  await pruneChallenges();
  const [row] = await db
    .insert(webauthnChallenges)
    .values({ userId, purpose, challenge, expiresAt: new Date(now().getTime() + CHALLENGE_TTL_MS) })
    .returning({ id: webauthnChallenges.id });
  return row.id;
}

/** Takes a challenge once: deleted as it is read, so a second use of the same one finds nothing. */
async function takeChallenge(id: string, purpose: Purpose, userId: string | null): Promise<string | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const rows = await db
    .delete(webauthnChallenges)
    .where(
      and(
        eq(webauthnChallenges.id, id),
        eq(webauthnChallenges.purpose, purpose),
        gt(webauthnChallenges.expiresAt, now()),
      ),
    )
    .returning();
  const row = rows[0];
  if (!row || row.userId !== userId) return null;
  return row.challenge;
}

function parseJson<T>(raw: string): T | null {
  if (raw.length > 20_000) return null;
  try {
    const v = JSON.parse(raw) as unknown;
    return v && typeof v === "object" ? (v as T) : null;
  } catch {
    return null;
  }
}

const transportsOf = (t: string | null) => (t ? (t.split(",").filter(Boolean) as AuthenticatorTransport[]) : undefined);

// ---- registration ----

export async function passkeyRegistrationOptions(
  p: Principal,
  passed: boolean,
): Promise<{ challengeId: string; options: PublicKeyCredentialCreationOptionsJSON }> {
  await assertMayEnrol(p, passed);
  const existing = await db
    .select({ id: passkeys.id, transports: passkeys.transports })
    .from(passkeys)
    .where(eq(passkeys.userId, p.userId));
  const practice = await getPracticeSettings();
  const options = await generateRegistrationOptions({
    rpName: practice.name || "Haven",
    rpID: rp().rpID,
    userName: p.email,
    userDisplayName: p.name ?? p.email,
    userID: new TextEncoder().encode(p.userId),
    attestationType: "none",
    excludeCredentials: existing.map((c) => ({ id: c.id, transports: transportsOf(c.transports) })),
    // Discoverable, so "Sign in with a passkey" needs no address; verified, so it counts as two factors.
    authenticatorSelection: { residentKey: "required", userVerification: "required" },
  });
  const challengeId = await storeChallenge(p.userId, "register", options.challenge);
  return { challengeId, options };
}

export async function registerPasskey(
  p: Principal,
  passed: boolean,
  challengeId: string,
  rawResponse: string,
): Promise<{ id: string; name: string; recoveryCodes: string[] }> {
  await assertMayEnrol(p, passed);
  const challenge = await takeChallenge(challengeId, "register", p.userId);
  const response = parseJson<RegistrationResponseJSON>(rawResponse);
  if (!challenge || !response) throw new ValidationError(REFUSED);
  const { rpID, origin } = rp();
  let verified;
  try {
    verified = await verifyRegistrationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: origin,
      expectedRPID: rpID,
      requireUserVerification: true,
    });
  } catch {
    verified = null;
  }
  if (!verified?.verified) throw new ValidationError(REFUSED);
  const { credential, credentialDeviceType, credentialBackedUp } = verified.registrationInfo;
  const practice = await getPracticeSettings();
  const name = `Passkey added ${formatDate(now(), practice.timeZone)}`;
  return db.transaction(async (tx) => {
    const [clash] = await tx.select({ id: passkeys.id }).from(passkeys).where(eq(passkeys.id, credential.id)).limit(1);
    if (clash) throw new ConflictError("This passkey is already registered.");
    // A staff member's first factor comes with the ten recovery codes, as the authenticator app's does.
    const first = isStaff(p) && !hasSecondFactor(await secondFactorStatus(p.userId, tx));
    await tx.insert(passkeys).values({
      id: credential.id,
      userId: p.userId,
      publicKey: Buffer.from(credential.publicKey).toString("base64url"),
      counter: credential.counter,
      transports: credential.transports?.join(",") ?? null,
      deviceType: credentialDeviceType,
      backedUp: credentialBackedUp,
      name,
    });
    // Enrolling a passkey proves the person holds it (user verified): for staff it is the second factor passed.
    if (isStaff(p)) await markSecondFactorPassed(p.sessionId, "passkey", tx);
    await audit({ action: "auth.passkey_added", actor: p, targetType: "passkey", targetId: credential.id }, tx);
    const recoveryCodes = first ? await issueRecoveryCodes(p, tx, { onlyIfNone: true }) : [];
    return { id: credential.id, name, recoveryCodes };
  });
}

// ---- authentication ----

async function verifyAssertion(
  purpose: Purpose,
  challengeId: string,
  rawResponse: string,
  expectUserId: string | null,
): Promise<{ userId: string; passkeyId: string } | null> {
  const response = parseJson<AuthenticationResponseJSON>(rawResponse);
  const challenge = await takeChallenge(challengeId, purpose, expectUserId);
  if (!challenge || !response || typeof response.id !== "string") return null;
  const [cred] = await db.select().from(passkeys).where(eq(passkeys.id, response.id)).limit(1);
  if (!cred || (expectUserId && cred.userId !== expectUserId)) return null;
  const { rpID, origin } = rp();
  try {
    const r = await verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: origin,
      expectedRPID: rpID,
      requireUserVerification: true,
      credential: {
        id: cred.id,
        publicKey: new Uint8Array(Buffer.from(cred.publicKey, "base64url")),
        counter: cred.counter,
        transports: transportsOf(cred.transports),
      },
    });
    if (!r.verified) return null;
    await db
      .update(passkeys)
      .set({ counter: r.authenticationInfo.newCounter, lastUsedAt: now() })
      .where(eq(passkeys.id, cred.id));
    return { userId: cred.userId, passkeyId: cred.id };
  } catch {
    return null;
  }
}

/** "Sign in with a passkey": no address asked; the authenticator offers the passkeys it holds for this site. */
export async function passkeySignInOptions(): Promise<{
  challengeId: string;
  options: PublicKeyCredentialRequestOptionsJSON;
}> {
  const options = await generateAuthenticationOptions({ rpID: rp().rpID, userVerification: "required" });
  const challengeId = await storeChallenge(null, "sign_in", options.challenge);
  return { challengeId, options };
}

export async function verifyPasskeySignIn(
  challengeId: string,
  rawResponse: string,
  meta: Pick<RequestMeta, "ip" | "userAgent">,
): Promise<{ ok: true; user: { id: string; email: string; name: string | null } } | { ok: false }> {
  const r = await verifyAssertion("sign_in", challengeId, rawResponse, null);
  const [u] = r
    ? await db
        .select({ id: users.id, email: users.email, name: users.name, active: users.active })
        .from(users)
        .where(eq(users.id, r.userId))
        .limit(1)
    : [];
  if (!r || !u?.active) {
    await audit({
      action: "auth.passkey_failed",
      actorUserId: u?.id ?? null,
      targetType: "passkey",
      ip: meta.ip,
      userAgent: meta.userAgent,
    });
    return { ok: false };
  }
  await audit({
    action: "auth.passkey_used",
    actorUserId: u.id,
    targetType: "passkey",
    targetId: r.passkeyId,
    ip: meta.ip,
    userAgent: meta.userAgent,
  });
  return { ok: true, user: { id: u.id, email: u.email, name: u.name } };
}

/** The second step of a staff sign-in with a passkey (after the emailed link). */
export async function passkeySecondFactorOptions(
  p: Principal,
): Promise<{ challengeId: string; options: PublicKeyCredentialRequestOptionsJSON }> {
  if (!isStaff(p)) throw new NotFoundError();
  const mine = await db
    .select({ id: passkeys.id, transports: passkeys.transports })
    .from(passkeys)
    .where(eq(passkeys.userId, p.userId));
  if (mine.length === 0) throw new NotFoundError();
  const options = await generateAuthenticationOptions({
    rpID: rp().rpID,
    userVerification: "required",
    allowCredentials: mine.map((c) => ({ id: c.id, transports: transportsOf(c.transports) })),
  });
  const challengeId = await storeChallenge(p.userId, "second_factor", options.challenge);
  return { challengeId, options };
}

export async function verifyPasskeySecondFactor(p: Principal, challengeId: string, rawResponse: string) {
  if (!isStaff(p)) throw new NotFoundError();
  const r = await verifyAssertion("second_factor", challengeId, rawResponse, p.userId);
  if (!r) {
    await audit({ action: "auth.passkey_failed", actor: p, targetType: "passkey" });
    throw new ValidationError(REFUSED);
  }
  await db.transaction(async (tx) => {
    await markSecondFactorPassed(p.sessionId, "passkey", tx);
    await audit({ action: "auth.passkey_used", actor: p, targetType: "passkey", targetId: r.passkeyId }, tx);
    await audit(
      { action: "auth.second_factor_passed", actor: p, targetType: "session", detail: { method: "passkey" } },
      tx,
    );
  });
}

// ---- management ----

export type PasskeyListItem = { id: string; name: string; createdAt: Date; lastUsedAt: Date | null };

export async function listMyPasskeys(p: Principal): Promise<PasskeyListItem[]> {
  return db
    .select({ id: passkeys.id, name: passkeys.name, createdAt: passkeys.createdAt, lastUsedAt: passkeys.lastUsedAt })
    .from(passkeys)
    .where(eq(passkeys.userId, p.userId))
    .orderBy(asc(passkeys.createdAt));
}

/** Removes one of the person's own passkeys; staff keep at least one factor. Someone else's is not found. */
export async function removeMyPasskey(p: Principal, passkeyId: string): Promise<void> {
  if (isStaff(p)) {
    const s = await secondFactorStatus(p.userId);
    const others = await db
      .select({ id: passkeys.id })
      .from(passkeys)
      .where(and(eq(passkeys.userId, p.userId), ne(passkeys.id, passkeyId)));
    if (!s.totp && others.length === 0)
      throw new ConflictError("Set up an authenticator app before removing your last passkey.");
  }
  await db.transaction(async (tx) => {
    const gone = await tx
      .delete(passkeys)
      .where(and(eq(passkeys.id, passkeyId), eq(passkeys.userId, p.userId)))
      .returning({ id: passkeys.id });
    if (gone.length === 0) throw new NotFoundError();
    await audit({ action: "auth.passkey_removed", actor: p, targetType: "passkey", targetId: passkeyId }, tx);
  });
}
