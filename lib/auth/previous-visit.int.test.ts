import { afterEach, describe, expect, it } from "vitest";
import { MINUTE } from "@/lib/core/clock";
import { setNow, restoreClock } from "@/lib/test/clock";
import { sha256Hex } from "@/lib/core/crypto";
import { makeClient } from "@/lib/test/auth-fixtures";
import { checkSession, createSession, previousVisitEnd } from "./sessions";

const meta = { ip: "10.2.0.2", userAgent: "vitest" };
afterEach(() => restoreClock());

/** The portal home's "New since your last visit" (docs/decisions.md, Client home). */
describe("previousVisitEnd", () => {
  it("is null on a first visit, then the last activity of the visit before this one", async () => {
    const { user } = await makeClient("previous-visit");
    const t0 = new Date("2030-05-01T08:00:00Z");
    setNow(t0);
    const first = await createSession(user.id, "link", meta);
    expect(await previousVisitEnd({ userId: user.id, sessionId: sha256Hex(first) })).toBeNull();
    // Activity 10 minutes in is the end of that visit.
    setNow(new Date(t0.getTime() + 10 * MINUTE));
    expect((await checkSession(first)).ok).toBe(true);

    setNow(new Date(t0.getTime() + 120 * MINUTE));
    const second = await createSession(user.id, "link", meta);
    expect(await previousVisitEnd({ userId: user.id, sessionId: sha256Hex(second) })).toEqual(
      new Date(t0.getTime() + 10 * MINUTE),
    );

    // A later sign-in on another device, active now, does not move the first device's "last visit".
    setNow(new Date(t0.getTime() + 130 * MINUTE));
    const third = await createSession(user.id, "pin", meta);
    expect((await checkSession(third)).ok).toBe(true);
    expect(await previousVisitEnd({ userId: user.id, sessionId: sha256Hex(second) })).toEqual(
      new Date(t0.getTime() + 10 * MINUTE),
    );
    // From the third session, the second is the previous visit.
    expect(await previousVisitEnd({ userId: user.id, sessionId: sha256Hex(third) })).toEqual(
      new Date(t0.getTime() + 120 * MINUTE),
    );
  });
});
