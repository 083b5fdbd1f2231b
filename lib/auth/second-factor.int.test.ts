import { afterEach, describe, expect, it, vi } from "vitest";
import { generate } from "otplib";
import { randomUUID } from "node:crypto";

/**
 * Staff second factor (docs/decisions.md "Second factor and passkeys"): a staff session that has not passed it
 * has no principal, so no page, action, route or file serves anything; codes work once; recovery codes work once.
 * The session is the real one (checkSession on a real row), read through the same mock of Auth.js's module the
 * request fuzz uses, so getPrincipal is exactly what Auth.js's callback would give.
 */
const state = vi.hoisted(() => ({ cookie: null as string | null }));
vi.mock("@/lib/auth/auth", async () => {
  const { checkSession } = await import("@/lib/auth/sessions");
  const session = async () => {
    const c = await checkSession(state.cookie);
    if (c.ok) return { principal: c.principal };
    if (c.reason === "second_factor") return { pending: c.pending };
    return null;
  };
  const current = async () => {
    const c = await checkSession(state.cookie);
    return c.ok ? c.principal : null;
  };
  return {
    getPrincipal: current,
    getCurrentSession: async () => {
      const c = await checkSession(state.cookie);
      return c.ok
        ? {
            principal: c.principal,
            idleDeadline: c.idleDeadline.toISOString(),
            absoluteDeadline: c.absoluteDeadline.toISOString(),
          }
        : null;
    },
    auth: session,
    // What the second-factor pages and actions read (lib/auth/second-factor-session.ts): the same session.
    sessionOfRequest: session,
    signIn: async () => {
      throw Object.assign(new Error("NEXT_REDIRECT"), { digest: "NEXT_REDIRECT;replace;/;307;" });
    },
    signOut: async () => {
      throw Object.assign(new Error("NEXT_REDIRECT"), { digest: "NEXT_REDIRECT;replace;/;307;" });
    },
    SESSION_COOKIE: () => "haven.session",
    extraProviders: [],
  };
});
vi.mock("next-auth", () => ({ AuthError: class AuthError extends Error {} }));
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ host: "localhost:3000", origin: "http://localhost:3000", "user-agent": "vitest" }),
  cookies: async () => ({ get: () => undefined, getAll: () => [], has: () => false, set: () => {}, delete: () => {} }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {}, unstable_noStore: () => {} }));

const { db } = await import("@/db");
const { totpCredentials, users } = await import("@/db/schema");
const { eq } = await import("drizzle-orm");
const { DEMO } = await import("@/lib/demo/seed");
const { checkSession, createSession, markSecondFactorPassed } = await import("./sessions");
const { sha256Hex } = await import("@/lib/core/crypto");
const { setNow, restoreClock } = await import("@/lib/test/clock");
const { HOUR, MINUTE } = await import("@/lib/core/clock");
const { confirmTotpEnrolment, startTotpEnrolment, useRecoveryCode, verifyTotpCode, resetSecondFactor } =
  await import("./second-factor");
const { userByEmail, principalFor } = await import("@/lib/test/auth-fixtures");
const { isNextControlFlow } = await import("@/lib/auth/action");

const meta = { ip: "10.3.0.1", userAgent: "vitest" };
afterEach(() => restoreClock());

async function newStaff(tag: string, role: "clinician" | "admin" = "clinician") {
  const [u] = await db
    .insert(users)
    .values({ email: `${tag}-${randomUUID().slice(0, 8)}@riverbend.example`, name: `Staff ${tag}`, role })
    .returning();
  return u;
}

describe("a staff session without its second factor", () => {
  it("has no principal until the factor passes; a client's session is unaffected; 12 hours later it is asked again", async () => {
    const staff = await newStaff("gate");
    const t0 = new Date("2031-02-01T08:00:00Z");
    setNow(t0);
    const sid = await createSession(staff.id, "link", meta);
    const c = await checkSession(sid);
    expect(c.ok).toBe(false);
    expect(c.ok === false && c.reason).toBe("second_factor");
    await markSecondFactorPassed(sha256Hex(sid), "totp");
    expect((await checkSession(sid)).ok).toBe(true);

    const jordan = await userByEmail(DEMO.jordan);
    expect((await checkSession(await createSession(jordan.id, "link", meta))).ok).toBe(true);

    // A passkey sign-in is both factors.
    expect((await checkSession(await createSession(staff.id, "passkey", meta))).ok).toBe(true);

    // The session's own 12-hour limit ends it first; the second factor's 12-hour age is checked too.
    setNow(new Date(t0.getTime() + 12 * HOUR));
    expect((await checkSession(sid, { touch: false })).ok).toBe(false);
  });

  it("reaches no action but the second-factor ones, and no route handler serves it (the access matrix rerun)", async () => {
    const ana = await userByEmail(DEMO.ana);
    const admin = await userByEmail(DEMO.admin);
    const allowed = new Set([
      // Public by design: they read the session themselves (second factor) or sign in from scratch.
      "confirmLinkAction",
      "passkeySignInOptionsAction",
      "passkeySignInAction",
      "idleSignOutAction",
      "signOutAction",
      // The second step itself, refused below for bad input, but callable without a principal.
      "passkeySecondFactorOptionsAction",
    ]);
    // Both have a factor (a person without one may start enrolment, and nothing else: the first test above).
    await db
      .insert(totpCredentials)
      .values([ana, admin].map((u) => ({ userId: u.id, secretSealed: "x", confirmedAt: new Date() })))
      .onConflictDoNothing();
    const modules = import.meta.glob("/lib/*/actions.ts") as Record<string, () => Promise<Record<string, unknown>>>;
    const reached: string[] = [];
    for (const u of [ana, admin]) {
      state.cookie = await createSession(u.id, "link", meta);
      for (const [path, load] of Object.entries(modules)) {
        for (const [name, action] of Object.entries(await load())) {
          if (typeof action !== "function" || allowed.has(name)) continue;
          for (const input of [{}, { profileId: DEMO.profiles.jordan, userId: ana.id, id: randomUUID() }]) {
            try {
              const r = (await (action as (i: unknown) => Promise<{ ok?: boolean } | undefined>)(input)) ?? {};
              if (r.ok === true) reached.push(`${path} ${name} as ${u.role}`);
            } catch (e) {
              if (!isNextControlFlow(e)) reached.push(`${path} ${name} threw ${(e as Error).name}`);
            }
          }
        }
      }
    }
    expect(reached).toEqual([]);

    // Route handlers: files, PDFs, the audit export, the draft autosave: all refuse with 401, nothing else.
    type Handler = (req: Request, seg?: { params?: Promise<Record<string, string>> }) => Promise<Response>;
    const routes: [Handler, string, Record<string, string>][] = [
      [(await import("@/app/api/files/[id]/route")).GET as Handler, "/api/files/x", { id: randomUUID() }],
      [
        (await import("@/app/api/forms/responses/[id]/pdf/route")).GET as Handler,
        "/api/forms/responses/x/pdf",
        { id: randomUUID() },
      ],
      [
        (await import("@/app/api/billing/[kind]/[id]/pdf/route")).GET as Handler,
        "/api/billing/invoice/x/pdf",
        { kind: "invoice", id: randomUUID() },
      ],
      [(await import("@/app/(admin)/admin/audit/export/route")).GET as Handler, "/admin/audit/export", {}],
    ];
    state.cookie = await createSession(admin.id, "link", meta);
    for (const [h, url, params] of routes) {
      const res = await h(new Request(new URL(url, "http://localhost:3000")), { params: Promise.resolve(params) });
      expect(res.status, url).toBe(401);
    }
    state.cookie = null;
  }, 300_000);
});

describe("authenticator app and recovery codes", () => {
  it("enrols with a first code, refuses the same code again, and a recovery code works once", async () => {
    const staff = await newStaff("totp");
    const sid = await createSession(staff.id, "link", meta);
    const p = await principalFor(staff.email, sha256Hex(sid));
    const { secret } = await startTotpEnrolment(p, false);
    const [row] = await db.select().from(totpCredentials).where(eq(totpCredentials.userId, staff.id));
    // Sealed at rest: the secret is not in the row.
    expect(row.secretSealed).not.toContain(secret);
    const code = await generate({ secret, epoch: Math.floor(Date.now() / 1000) });
    const codes = await confirmTotpEnrolment(p, false, code);
    expect(codes).toHaveLength(10);
    expect((await checkSession(sid)).ok).toBe(true);

    // A new session: the code already used is refused (no replay within its window).
    const sid2 = await createSession(staff.id, "link", meta);
    const p2 = await principalFor(staff.email, sha256Hex(sid2));
    await expect(verifyTotpCode(p2, code)).rejects.toThrow(/didn't work/);
    expect((await checkSession(sid2)).ok).toBe(false);

    await useRecoveryCode(p2, codes[0]);
    expect((await checkSession(sid2)).ok).toBe(true);
    const sid3 = await createSession(staff.id, "link", meta);
    const p3 = await principalFor(staff.email, sha256Hex(sid3));
    await expect(useRecoveryCode(p3, codes[0])).rejects.toThrow(/didn't work/);
    // Once enrolled, a session that has not passed cannot enrol again over the existing factor.
    await expect(startTotpEnrolment(p3, false)).rejects.toThrow();
  });

  it("the admin's reset removes every factor, ends the sessions and queues an email", async () => {
    const staff = await newStaff("reset");
    const sid = await createSession(staff.id, "link", meta);
    const p = await principalFor(staff.email, sha256Hex(sid));
    const { secret } = await startTotpEnrolment(p, false);
    await confirmTotpEnrolment(p, false, await generate({ secret, epoch: Math.floor(Date.now() / 1000) }));
    const admin = await principalFor(DEMO.admin);
    await resetSecondFactor(admin, staff.id);
    expect(await checkSession(sid)).toEqual({ ok: false, reason: "ended" });
    expect(await db.select().from(totpCredentials).where(eq(totpCredentials.userId, staff.id))).toEqual([]);
  });

  it("security-changing admin actions ask for the second factor again once it is 15 minutes old", async () => {
    const { resetSecondFactorAction } = await import("@/lib/auth/actions");
    const admin = await newStaff("fresh", "admin");
    const staff = await newStaff("fresh-target");
    await db.insert(totpCredentials).values({ userId: staff.id, secretSealed: "x", confirmedAt: new Date() });
    const t0 = new Date("2031-03-01T08:00:00Z");
    setNow(t0);
    state.cookie = await createSession(admin.id, "link", meta);
    await markSecondFactorPassed(sha256Hex(state.cookie), "totp");
    /** Where the action sends the admin: the redirect it throws (Next's control flow), or its result. */
    const outcome = async () => {
      try {
        return await resetSecondFactorAction({ userId: staff.id });
      } catch (e) {
        if (!isNextControlFlow(e)) throw e;
        return (e as { digest: string }).digest.split(";")[2];
      }
    };

    // 16 minutes later (and in use: not idle) the session still works for pages, but the reset sends the admin
    // to confirm it's them.
    setNow(new Date(t0.getTime() + 8 * MINUTE));
    expect((await checkSession(state.cookie)).ok).toBe(true);
    setNow(new Date(t0.getTime() + 16 * MINUTE));
    expect((await checkSession(state.cookie)).ok).toBe(true);
    expect(await outcome()).toBe("/sign-in/second-factor");
    expect(await db.select().from(totpCredentials).where(eq(totpCredentials.userId, staff.id))).toHaveLength(1);

    // A fresh check (a code again) lets it through.
    await markSecondFactorPassed(sha256Hex(state.cookie), "totp");
    setNow(new Date(t0.getTime() + 20 * MINUTE));
    expect(await outcome()).toBe(`/admin/staff/${staff.id}?secondFactorReset=1`);
    expect(await db.select().from(totpCredentials).where(eq(totpCredentials.userId, staff.id))).toEqual([]);
    state.cookie = null;
  });

  it("rate limits codes per person", async () => {
    const staff = await newStaff("limit");
    await db.insert(totpCredentials).values({ userId: staff.id, secretSealed: "x", confirmedAt: new Date() });
    const sid = await createSession(staff.id, "link", meta);
    const p = await principalFor(staff.email, sha256Hex(sid));
    const errors: string[] = [];
    for (let i = 0; i < 12; i++) await verifyTotpCode(p, "000000").catch((e: Error) => errors.push(e.message));
    expect(errors.at(-1)).toMatch(/Too many attempts/);
  });
});
