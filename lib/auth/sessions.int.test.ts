import { afterEach, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { db } from "@/db";
import { auditLog, users } from "@/db/schema";
import { HOUR, MINUTE } from "@/lib/core/clock";
import { setNow, restoreClock } from "@/lib/test/clock";
import { sha256Hex } from "@/lib/core/crypto";
import { NotFoundError } from "@/lib/core/errors";
import { DEMO } from "@/lib/demo/seed";
import { checkSession, createSession } from "./sessions";
import {
  restorePortalAccess,
  revokePortalAccess,
  listPortalUsers,
  generatePinCode,
  sendWelcomeEmail,
} from "./portal-access";
import { verifyPin } from "./pin";
import { makeClient, principalFor, sessionRow } from "@/lib/test/auth-fixtures";

const meta = { ip: "10.2.0.1", userAgent: "vitest" };
afterEach(() => restoreClock());

describe("server-side sessions (docs/product.md, Sign-in rule 7)", () => {
  it("end after 15 minutes idle, and the expiry is audited", async () => {
    const { user } = await makeClient("idle");
    const t0 = new Date("2030-04-01T08:00:00Z");
    setNow(t0);
    const sid = await createSession(user.id, "link", meta);
    setNow(new Date(t0.getTime() + 15 * MINUTE - 1000));
    expect((await checkSession(sid, { touch: false })).ok).toBe(true);
    setNow(new Date(t0.getTime() + 15 * MINUTE));
    expect(await checkSession(sid)).toEqual({ ok: false, reason: "idle" });
    expect((await sessionRow(sha256Hex(sid))).endedReason).toBe("idle");
    // Once ended, it stays ended even if the clock went back.
    setNow(t0);
    expect(await checkSession(sid)).toEqual({ ok: false, reason: "ended" });
    const rows = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "auth.session_expired"), eq(auditLog.actorUserId, user.id)));
    expect(rows.map((r) => r.detail)).toContainEqual({ reason: "idle" });
  });

  it("activity keeps a session alive, but never past 12 hours", async () => {
    const { user } = await makeClient("absolute");
    const t0 = new Date("2030-04-02T08:00:00Z");
    setNow(t0);
    const sid = await createSession(user.id, "pin", meta);
    for (let t = 10 * MINUTE; t < 12 * HOUR; t += 10 * MINUTE) {
      setNow(new Date(t0.getTime() + t));
      expect((await checkSession(sid)).ok).toBe(true);
    }
    setNow(new Date(t0.getTime() + 12 * HOUR - 1000));
    expect((await checkSession(sid)).ok).toBe(true);
    setNow(new Date(t0.getTime() + 12 * HOUR));
    expect(await checkSession(sid)).toEqual({ ok: false, reason: "absolute" });
  });

  it("record activity at most once a minute, and activity more often still keeps them alive", async () => {
    const { user } = await makeClient("touch");
    const t0 = new Date("2030-04-03T08:00:00Z");
    setNow(t0);
    const sid = await createSession(user.id, "link", meta);
    setNow(new Date(t0.getTime() + 50_000));
    expect((await checkSession(sid)).ok).toBe(true);
    expect((await sessionRow(sha256Hex(sid))).lastSeenAt).toEqual(t0);
    setNow(new Date(t0.getTime() + MINUTE));
    expect((await checkSession(sid)).ok).toBe(true);
    expect((await sessionRow(sha256Hex(sid))).lastSeenAt).toEqual(new Date(t0.getTime() + MINUTE));
    // A request every 50 seconds for 20 minutes: never idle.
    for (let t = MINUTE + 50_000; t < 21 * MINUTE; t += 50_000) {
      setNow(new Date(t0.getTime() + t));
      expect((await checkSession(sid)).ok).toBe(true);
    }
  });
});

describe("portal access on the clinician's page (docs/product.md, Sign-in rules 1, 5 and 7)", () => {
  it("revoking a client's access ends their sessions at once; restoring lets them sign in again", async () => {
    const { user, profile } = await makeClient("revoke");
    const ana = await principalFor(DEMO.ana);
    const s1 = await createSession(user.id, "link", meta);
    const s2 = await createSession(user.id, "pin", meta);
    expect((await checkSession(s1)).ok).toBe(true);
    const pin = await generatePinCode(ana, profile.id, user.id);
    expect(await revokePortalAccess(ana, profile.id, user.id)).toEqual({ sessionsEnded: 2 });
    expect((await checkSession(s1)).ok).toBe(false);
    expect((await checkSession(s2)).ok).toBe(false);
    const [u] = await db.select().from(users).where(eq(users.id, user.id));
    expect(u.active).toBe(false);
    // The PIN issued before the revocation no longer works.
    expect(await verifyPin(user.email, pin)).toEqual({ ok: false });
    expect((await listPortalUsers(ana, profile.id)).users[0].status).toBe("revoked");
    const audits = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "auth.access_revoked"), eq(auditLog.targetId, user.id)));
    expect(audits).toHaveLength(1);
    expect(audits[0].profileId).toBe(profile.id);

    await restorePortalAccess(ana, profile.id, user.id);
    const pin2 = await generatePinCode(ana, profile.id, user.id);
    expect((await verifyPin(user.email, pin2)).ok).toBe(true);
  });

  it("shows not invited → invited at … → active", async () => {
    const { user, profile } = await makeClient("status");
    const ana = await principalFor(DEMO.ana);
    expect((await listPortalUsers(ana, profile.id)).users[0]).toMatchObject({
      status: "not_invited",
      invitedAt: null,
      lastSignInAt: null,
    });
    await sendWelcomeEmail(ana, profile.id, user.id);
    expect((await listPortalUsers(ana, profile.id)).users[0]).toMatchObject({
      status: "invited",
      invitedAt: expect.any(Date),
    });
    await createSession(user.id, "welcome", meta);
    expect((await listPortalUsers(ana, profile.id)).users[0]).toMatchObject({
      status: "active",
      lastSignInAt: expect.any(Date),
    });
  });

  it("a clinician can act only on their own clients' users; clients cannot at all (404, the one wrong-role answer)", async () => {
    const { user, profile } = await makeClient("scope");
    const sam = await principalFor(DEMO.sam);
    const admin = await principalFor(DEMO.admin);
    for (const fn of [generatePinCode, revokePortalAccess, sendWelcomeEmail]) {
      await expect(fn(sam, profile.id, user.id)).rejects.toBeInstanceOf(NotFoundError);
    }
    await expect(listPortalUsers(sam, profile.id)).rejects.toBeInstanceOf(NotFoundError);
    // A user of another profile through this profile's page: not found either.
    const other = await makeClient("scope-other");
    const ana = await principalFor(DEMO.ana);
    await expect(generatePinCode(ana, profile.id, other.user.id)).rejects.toBeInstanceOf(NotFoundError);
    // The admin sees every profile.
    expect((await generatePinCode(admin, profile.id, user.id)).length).toBe(6);
    const client = await principalFor(DEMO.jordan);
    await expect(generatePinCode(client, profile.id, user.id)).rejects.toMatchObject({ status: 404 });
  });
});
