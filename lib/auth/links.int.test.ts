import { afterEach, describe, expect, it } from "vitest";
import { and, eq, gte, sql } from "drizzle-orm";
import { db } from "@/db";
import { auditLog, emailOutbox, sessions, users } from "@/db/schema";
import { DAY } from "@/lib/core/clock";
import { setNow, restoreClock } from "@/lib/test/clock";
import { accountForOldLink, consumeLink, describeLink, requestSignInLink, sendWelcomeLink } from "./links";
import { createSession } from "./sessions";
import { makeClient, uniqueEmail, userByEmail } from "@/lib/test/auth-fixtures";
import { DEMO } from "@/lib/demo/seed";

const meta = { ip: "10.1.0.1", userAgent: "vitest" };
afterEach(() => restoreClock());

async function issue(email: string) {
  const r = await requestSignInLink(email, meta);
  expect(r.sent).toBe(true);
  return r.token!;
}

describe("sign-in links (docs/product.md, Sign-in rules 3 and 4)", () => {
  it("opening a link 10 times (GET) and 10 times (HEAD) leaves it valid; only the Sign In POST consumes it", async () => {
    const { user } = await makeClient("looks");
    const token = await issue(user.email);
    // The confirm page's GET and HEAD both only describe the link.
    for (let i = 0; i < 20; i++)
      expect(await describeLink(token)).toMatchObject({ state: "valid", maskedEmail: expect.stringContaining("@") });
    const used = await consumeLink(token, meta);
    expect(used.ok).toBe(true);
    expect(await describeLink(token)).toEqual({ state: "invalid", reason: "used", canResend: true });
  });

  it("50 concurrent Sign In POSTs of one token make exactly one session", async () => {
    const { user } = await makeClient("race");
    const token = await issue(user.email);
    const results = await Promise.all(
      Array.from({ length: 50 }, async () => {
        const r = await consumeLink(token, meta);
        if (r.ok) await createSession(r.user.id, r.kind, meta);
        return r.ok;
      }),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    const rows = await db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(rows).toHaveLength(1);
  });

  it("a sign-in link works at 24 h − 1 s and not at 24 h + 1 s", async () => {
    const { user } = await makeClient("ttl");
    const t0 = new Date("2030-01-01T10:00:00Z");
    setNow(t0);
    const a = await issue(user.email);
    setNow(new Date(t0.getTime() + DAY - 1000));
    expect(await describeLink(a)).toMatchObject({ state: "valid" });
    expect((await consumeLink(a, meta)).ok).toBe(true);

    setNow(t0);
    const b = await issue(user.email);
    setNow(new Date(t0.getTime() + DAY + 1000));
    expect(await describeLink(b)).toEqual({ state: "invalid", reason: "expired", canResend: true });
    expect(await consumeLink(b, meta)).toEqual({ ok: false, reason: "expired" });
  });

  it("a welcome link works at 7 days − 1 s and not at 7 days + 1 s, and records 'invited at'", async () => {
    const { user } = await makeClient("welcome");
    const ana = await userByEmail(DEMO.ana);
    const t0 = new Date("2030-02-01T10:00:00Z");
    setNow(t0);
    const a = await sendWelcomeLink(user, "Ana Rivera", { userId: ana.id, role: "clinician" }, meta);
    const [u] = await db.select().from(users).where(eq(users.id, user.id));
    expect(u.invitedAt?.getTime()).toBe(t0.getTime());
    setNow(new Date(t0.getTime() + 7 * DAY - 1000));
    expect(await consumeLink(a, meta)).toMatchObject({ ok: true, kind: "welcome" });

    setNow(t0);
    const b = await sendWelcomeLink(user, "Ana Rivera", { userId: ana.id, role: "clinician" }, meta);
    setNow(new Date(t0.getTime() + 7 * DAY + 1000));
    expect(await consumeLink(b, meta)).toEqual({ ok: false, reason: "expired" });
  });

  it("a newer link supersedes every older one; the old one explains why and can re-send to the same account", async () => {
    const { user } = await makeClient("supersede");
    const a = await issue(user.email);
    const b = await issue(user.email);
    expect(await describeLink(a)).toEqual({ state: "invalid", reason: "superseded", canResend: true });
    expect((await accountForOldLink(a))?.id).toBe(user.id);
    expect(await consumeLink(a, meta)).toEqual({ ok: false, reason: "unknown" });
    expect((await consumeLink(b, meta)).ok).toBe(true);
    expect((await consumeLink(b, meta)).ok).toBe(false);
    const rejected = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "auth.link_rejected"), sql`${auditLog.detail}->>'reason' = 'unknown'`));
    expect(rejected.length).toBeGreaterThan(0);
  });

  it("an unknown address: no user row, no email, an audit row with the masked address only", async () => {
    const email = uniqueEmail("nobody");
    const before = new Date(Date.now() - 1000);
    const r = await requestSignInLink(email, meta);
    expect(r).toEqual({ sent: false });
    expect(await db.select().from(users).where(eq(users.email, email))).toHaveLength(0);
    expect(await db.select().from(emailOutbox).where(eq(emailOutbox.to, email))).toHaveLength(0);
    const rows = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "auth.link_request_unknown"), gte(auditLog.at, before)));
    expect(rows.some((x) => x.subject?.startsWith("n•") && !x.subject.includes("nobody"))).toBe(true);
  });

  it("an unknown or garbage token is invalid with no re-send", async () => {
    expect(await describeLink("not-a-real-token-at-all")).toEqual({
      state: "invalid",
      reason: "unknown",
      canResend: false,
    });
    expect(await describeLink(undefined)).toEqual({ state: "invalid", reason: "unknown", canResend: false });
    expect(await accountForOldLink("x".repeat(500))).toBeNull();
  });
});
