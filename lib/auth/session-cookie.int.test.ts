import { describe, expect, it, vi } from "vitest";
import * as jwt from "next-auth/jwt";
import { joinCookie, rememberedCookies, sessionIdOfCookie } from "./session-cookie";

/**
 * docs/decisions.md "Reading the session cookie": the cookie Auth.js made at sign-in gives its session id,
 * decrypted once per cookie text; anything else gives no session. (An integration test only because next-auth must
 * be loaded through Vite, vitest.config.mts.)
 */
const SECRET = "session-cookie-test-secret-0123456789abcdef";
const NAME = "haven.session";
const cookie = (sid: string, secret = SECRET, maxAge = 3600) =>
  jwt.encode({ token: { sub: "u1", sid, method: "link" }, secret, salt: NAME, maxAge });

describe("session cookie", () => {
  it("gives the session id of a cookie Auth.js made, remembered after the first decryption", async () => {
    const raw = await cookie("sid-one");
    const before = rememberedCookies();
    expect(await sessionIdOfCookie(raw, NAME, SECRET)).toBe("sid-one");
    expect(rememberedCookies()).toBe(before + 1);
    expect(await sessionIdOfCookie(raw, NAME, SECRET)).toBe("sid-one");
    expect(await sessionIdOfCookie(raw, NAME, SECRET)).toBe("sid-one");
    expect(rememberedCookies()).toBe(before + 1);
    // Another sign-in's cookie is its own entry; the same text under another cookie name is not remembered for it.
    expect(await sessionIdOfCookie(await cookie("sid-two"), NAME, SECRET)).toBe("sid-two");
    expect(rememberedCookies()).toBe(before + 2);
    expect(await sessionIdOfCookie(raw, "__Host-haven.session", SECRET)).toBeNull();
  });

  it("gives nothing for a tampered cookie, another secret, another cookie name, an expired cookie or garbage", async () => {
    const raw = await cookie("sid-three");
    const flipped = raw.slice(0, 40) + (raw[40] === "A" ? "B" : "A") + raw.slice(41);
    expect(await sessionIdOfCookie(flipped, NAME, SECRET)).toBeNull();
    expect(
      await sessionIdOfCookie(await cookie("sid-four", "another-secret-0123456789abcdefghij"), NAME, SECRET),
    ).toBeNull();
    expect(await sessionIdOfCookie(await cookie("sid-five"), "__Host-haven.session", SECRET)).toBeNull();
    expect(await sessionIdOfCookie(await cookie("sid-six", SECRET, -60), NAME, SECRET)).toBeNull();
    expect(await sessionIdOfCookie("not-a-jwt", NAME, SECRET)).toBeNull();
    expect(await sessionIdOfCookie("", NAME, SECRET)).toBeNull();
  });

  it("a remembered cookie is forgotten at its own expiry", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(new Date("2026-12-04T10:00:00Z"));
      const raw = await cookie("sid-seven", SECRET, 60);
      expect(await sessionIdOfCookie(raw, NAME, SECRET)).toBe("sid-seven");
      vi.setSystemTime(new Date("2026-12-04T10:05:00Z"));
      expect(await sessionIdOfCookie(raw, NAME, SECRET)).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });

  it("joins a cookie Auth.js split into chunks, in order", () => {
    expect(joinCookie(NAME, [{ name: NAME, value: "whole" }])).toBe("whole");
    expect(
      joinCookie(NAME, [
        { name: `${NAME}.1`, value: "b" },
        { name: "other", value: "x" },
        { name: `${NAME}.0`, value: "a" },
        { name: `${NAME}.10`, value: "c" },
      ]),
    ).toBe("abc");
    expect(joinCookie(NAME, [{ name: `${NAME}.x`, value: "no" }])).toBeNull();
  });
});
