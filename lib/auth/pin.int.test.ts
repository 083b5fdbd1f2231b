import { afterEach, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { db } from "@/db";
import { auditLog, pinCodes } from "@/db/schema";
import { HOUR } from "@/lib/core/clock";
import { setNow, restoreClock } from "@/lib/test/clock";
import { issuePin, verifyPin, PIN_MAX_FAILURES } from "./pin";
import { makeClient, userByEmail } from "@/lib/test/auth-fixtures";
import { DEMO } from "@/lib/demo/seed";

afterEach(() => restoreClock());
const wrong = (pin: string) => String((Number(pin) + 1) % 1_000_000).padStart(6, "0");

async function setup(tag: string) {
  const c = await makeClient(tag);
  const ana = await userByEmail(DEMO.ana);
  const actor = { userId: ana.id, role: "clinician" };
  return { ...c, actor, issue: () => issuePin(c.user.id, actor, c.profile.id) };
}

describe("PIN codes (docs/product.md, Sign-in rule 5)", () => {
  it("are 6 digits, stored only as a hash, and work once", async () => {
    const { user, issue } = await setup("pin-once");
    const pin = await issue();
    expect(pin).toMatch(/^\d{6}$/);
    const [row] = await db.select().from(pinCodes).where(eq(pinCodes.userId, user.id));
    expect(row.codeHash).not.toContain(pin);
    expect(row.codeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(await verifyPin(user.email, pin)).toMatchObject({ ok: true, user: { id: user.id } });
    expect(await verifyPin(user.email, pin)).toEqual({ ok: false });
  });

  it("work for that address only; a wrong address and a wrong PIN get the same answer", async () => {
    const a = await setup("pin-a");
    const b = await setup("pin-b");
    const pin = await a.issue();
    expect(await verifyPin(b.user.email, pin)).toEqual({ ok: false });
    expect(await verifyPin("nobody-at-all@example.test", pin)).toEqual({ ok: false });
    expect(await verifyPin(a.user.email, wrong(pin))).toEqual({ ok: false });
    expect((await verifyPin(a.user.email, pin)).ok).toBe(true);
  });

  it("work at 1 h − 1 s and not at 1 h + 1 s", async () => {
    const { user, issue } = await setup("pin-ttl");
    const t0 = new Date("2030-03-01T09:00:00Z");
    setNow(t0);
    const p1 = await issue();
    setNow(new Date(t0.getTime() + HOUR - 1000));
    expect((await verifyPin(user.email, p1)).ok).toBe(true);
    setNow(t0);
    const p2 = await issue();
    setNow(new Date(t0.getTime() + HOUR + 1000));
    expect(await verifyPin(user.email, p2)).toEqual({ ok: false });
  });

  it("a newer PIN replaces the older one", async () => {
    const { user, issue } = await setup("pin-newer");
    const p1 = await issue();
    let p2 = await issue();
    while (p2 === p1) p2 = await issue();
    expect(await verifyPin(user.email, p1)).toEqual({ ok: false });
    expect((await verifyPin(user.email, p2)).ok).toBe(true);
  });

  it("5 wrong tries burn it, and each step is audited", async () => {
    const { user, issue } = await setup("pin-burn");
    const pin = await issue();
    for (let i = 0; i < PIN_MAX_FAILURES; i++) expect(await verifyPin(user.email, wrong(pin))).toEqual({ ok: false });
    expect(await verifyPin(user.email, pin)).toEqual({ ok: false });
    const actions = (
      await db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.targetId, user.id)))
    ).map((r) => r.action);
    expect(actions).toContain("auth.pin_issued");
    expect(actions.filter((a) => a === "auth.pin_failed").length).toBeGreaterThanOrEqual(PIN_MAX_FAILURES - 1);
    expect(actions).toContain("auth.pin_burned");
  });

  it("4 wrong tries do not burn it", async () => {
    const { user, issue } = await setup("pin-four");
    const pin = await issue();
    for (let i = 0; i < PIN_MAX_FAILURES - 1; i++) await verifyPin(user.email, wrong(pin));
    expect((await verifyPin(user.email, pin)).ok).toBe(true);
  });
});
