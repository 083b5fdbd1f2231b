import { afterEach, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { NextRequest } from "next/server";
import { eq } from "drizzle-orm";
import { db } from "@/db";
import { pinCodes } from "@/db/schema";
import { handlers } from "@/lib/auth/auth";
import * as authRoute from "@/app/api/auth/[...nextauth]/route";
import { makeClient } from "@/lib/test/auth-fixtures";
import { headersThroughServer } from "@/lib/test/edge";
import { issuePin } from "./pin";
import { attemptPinSignIn } from "./pin-sign-in";
import { metaFrom } from "@/lib/core/http";

/**
 * Every endpoint that accepts a PIN passes the same per-IP limit. Besides Haven's PIN form, Auth.js itself accepts
 * credentials at POST /api/auth/callback/pin (with a token from GET /api/auth/csrf): Haven's route refuses that URL,
 * and the limit sits inside the provider, so even Auth.js's own handler (called here directly, past Haven's route)
 * cannot be used to walk around it.
 */
const ORIGIN = "http://localhost:3000";
const freshIp = () => `10.77.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;

type Handler = (req: NextRequest) => Promise<Response> | Response;

/** What an attacker's script does: fetch a CSRF token, then post email + PIN to Auth.js's credentials callback. */
async function postToAuthCallback(
  handle: { GET: Handler; POST: Handler },
  ip: string,
  email: string,
  pin: string,
  forwardedFor = "203.0.113.77",
  provider = "pin",
) {
  const claimed = { "x-forwarded-for": forwardedFor, "x-real-ip": forwardedFor, host: "localhost:3000" };
  const csrf = await handle.GET(
    new NextRequest(`${ORIGIN}/api/auth/csrf`, { headers: headersThroughServer(ip, claimed) }),
  );
  if (csrf.status === 404) return { status: 404, location: null, cookies: [] as string[] };
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const res = await handle.POST(
    new NextRequest(`${ORIGIN}/api/auth/callback/${provider}`, {
      method: "POST",
      headers: headersThroughServer(ip, { ...claimed, "content-type": "application/x-www-form-urlencoded", cookie }),
      body: new URLSearchParams({ email, pin, csrfToken, callbackUrl: `${ORIGIN}/after-sign-in` }),
    }),
  );
  return { status: res.status, location: res.headers.get("location"), cookies: res.headers.getSetCookie() };
}
const signedIn = (r: { cookies: string[] }) => r.cookies.some((c) => c.startsWith("haven.session="));

afterEach(() => {
  delete process.env.RATE_LIMIT_PIN_PER_IP;
});

describe("Auth.js's credentials callbacks", () => {
  it("answer 404 through Haven's route, for the PIN and the link provider, and never test the PIN", async () => {
    const { user } = await makeClient("callback-404");
    const pin = await issuePin(user.id, { userId: user.id, role: "admin" }, null);
    const ip = freshIp();
    const r = await postToAuthCallback(authRoute, ip, user.email, pin);
    expect(r.status).toBe(404);
    const direct = await authRoute.POST(
      new NextRequest(`${ORIGIN}/api/auth/callback/pin`, {
        method: "POST",
        headers: headersThroughServer(ip),
        body: new URLSearchParams({ email: user.email, pin }),
      }),
    );
    expect(direct.status).toBe(404);
    for (const path of [
      "/api/auth/callback/link",
      "/api/auth/callback/pin/",
      "/api/auth//callback/pin",
      "/api/auth/callback",
    ]) {
      expect(
        (
          await authRoute.POST(
            new NextRequest(`${ORIGIN}${path}`, { method: "POST", headers: headersThroughServer(ip) }),
          )
        ).status,
      ).toBe(404);
      expect(
        (await authRoute.GET(new NextRequest(`${ORIGIN}${path}`, { headers: headersThroughServer(ip) }))).status,
      ).toBe(404);
    }
    // The PIN was not tested (no failed try counted) and still works once.
    const [row] = await db.select().from(pinCodes).where(eq(pinCodes.userId, user.id));
    expect(row.failedAttempts).toBe(0);
    // What Haven still serves there keeps working.
    expect(
      (await authRoute.GET(new NextRequest(`${ORIGIN}/api/auth/csrf`, { headers: headersThroughServer(ip) }))).status,
    ).toBe(200);
  });

  it("even called directly, Auth.js's handler is held by the same per-IP limit as the PIN form (it lives in the provider)", async () => {
    process.env.RATE_LIMIT_PIN_PER_IP = "4";
    const { user } = await makeClient("callback-limit");
    const pin = await issuePin(user.id, { userId: user.id, role: "admin" }, null);
    const ip = freshIp();
    // Two wrong tries through the PIN form's check, two through Auth.js: one budget of four.
    for (let i = 0; i < 2; i++)
      expect(
        (await attemptPinSignIn("x@example.test", "000000", metaFrom(new Headers(headersThroughServer(ip))))).ok,
      ).toBe(false);
    for (let i = 0; i < 2; i++) {
      const r = await postToAuthCallback(handlers, ip, "x@example.test", "000000", `198.51.100.${i}`);
      expect(r.location).toContain("code=pin_rejected");
      expect(signedIn(r)).toBe(false);
    }
    // The fifth attempt, with the right PIN and yet another forged address, is refused without testing the PIN.
    const fifth = await postToAuthCallback(handlers, ip, user.email, pin, "203.0.113.99");
    expect(fifth.location).toContain("code=pin_rate_limited");
    expect(signedIn(fifth)).toBe(false);
    expect((await attemptPinSignIn(user.email, pin, metaFrom(new Headers(headersThroughServer(ip))))).ok).toBe(false);
    // From another client the same PIN signs in through the provider (so the refusal above was the limit).
    const other = await postToAuthCallback(handlers, freshIp(), user.email, pin);
    expect(signedIn(other)).toBe(true);
  });
});
