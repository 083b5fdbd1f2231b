import { afterEach, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { randomBytes } from "node:crypto";
import { db } from "@/db";
import { auditLog, emailOutbox, users } from "@/db/schema";
import { TOO_MANY_ATTEMPTS } from "@/lib/core/errors";
import { maskEmail } from "@/lib/core/crypto";
import type { RequestMeta } from "@/lib/core/http";
import {
  handleLinkRequest,
  handlePinRequest,
  handleResendRequest,
  PIN_REJECTED,
  type PinSignInOutcome,
} from "./sign-in-forms";
import { consumeLink, requestSignInLink } from "./links";
import { issuePin, verifyPin } from "./pin";
import { attemptPinSignIn } from "./pin-sign-in";
import { getMailboxMessage } from "@/lib/email/mailbox";
import { renderEmail } from "@/lib/email/templates";
import { getPracticeSettings } from "@/lib/practice/settings";
import { GET as mailboxMessageRoute } from "@/app/dev/mailbox/[id]/route";
import { makeClient, uniqueEmail } from "@/lib/test/auth-fixtures";
import { headersThroughServer } from "@/lib/test/edge";

const ORIGIN = "http://localhost:3000";
const freshIp = () => `10.9.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;

/** A form post from a client whose socket address is `ip`, as the app sees it behind server.mjs. */
function post(
  path: string,
  form: Record<string, string>,
  opts: { ip?: string; origin?: string | null; json?: boolean; fetchSite?: string; forwardedFor?: string } = {},
) {
  const headers: Record<string, string> = {
    "content-type": "application/x-www-form-urlencoded",
    host: "localhost:3000",
  };
  if (opts.origin !== null) headers.origin = opts.origin ?? ORIGIN;
  if (opts.json) headers.accept = "application/json";
  if (opts.fetchSite) headers["sec-fetch-site"] = opts.fetchSite;
  if (opts.forwardedFor)
    Object.assign(headers, { "x-forwarded-for": opts.forwardedFor, "x-real-ip": opts.forwardedFor });
  return new Request(`${ORIGIN}${path}`, {
    method: "POST",
    headers: headersThroughServer(opts.ip ?? freshIp(), headers),
    body: new URLSearchParams(form),
  });
}
/** The PIN form's sign-in, minus Auth.js's cookie plumbing: the same check the "pin" provider's authorize runs. */
const viaProvider = async (email: string, pin: string, meta: RequestMeta): Promise<PinSignInOutcome> => {
  const r = await attemptPinSignIn(email, pin, meta);
  return r.ok ? "ok" : r.reason;
};
const emailsTo = async (to: string) =>
  (
    await db
      .select({ n: sql<number>`count(*)::int` })
      .from(emailOutbox)
      .where(eq(emailOutbox.to, to))
  )[0].n;

afterEach(() => {
  delete process.env.RATE_LIMIT_PIN_PER_IP;
  delete process.env.RATE_LIMIT_LINK_PER_IP;
});

describe("Email Me a Link (POST /sign-in/request-link)", () => {
  it("an unknown address gets the same page and status as a known one, and no user row and no email", async () => {
    const { user } = await makeClient("known");
    const unknown = uniqueEmail("unknown");
    const a = await handleLinkRequest(post("/sign-in/request-link", { email: user.email }));
    const b = await handleLinkRequest(post("/sign-in/request-link", { email: unknown }));
    expect([a.status, a.headers.get("location")]).toEqual([303, "/sign-in/check-email"]);
    expect([b.status, b.headers.get("location")]).toEqual([a.status, a.headers.get("location")]);
    expect(await b.text()).toBe(await a.text());
    expect(await emailsTo(user.email)).toBe(1);
    expect(await emailsTo(unknown)).toBe(0);
    expect(await db.select().from(users).where(eq(users.email, unknown))).toHaveLength(0);
  });

  it("the 6th link request in an hour for one address gets 429 with the message, and no email", async () => {
    const { user } = await makeClient("sixth");
    for (let i = 0; i < 5; i++) {
      const r = await handleLinkRequest(post("/sign-in/request-link", { email: user.email }));
      expect(r.status).toBe(303);
    }
    expect(await emailsTo(user.email)).toBe(5);
    const sixth = await handleLinkRequest(post("/sign-in/request-link", { email: user.email }));
    expect(sixth.status).toBe(429);
    const html = await sixth.text();
    expect(html).toContain(TOO_MANY_ATTEMPTS.replaceAll("'", "&#39;"));
    // The page re-shows the form with the typed address kept.
    expect(html).toContain(`value="${user.email}"`);
    expect(await emailsTo(user.email)).toBe(5);
    // With JavaScript the same 429, as JSON for the form to show.
    const js = await handleLinkRequest(post("/sign-in/request-link", { email: user.email }, { json: true }));
    expect(js.status).toBe(429);
    expect(await js.json()).toMatchObject({ ok: false, error: TOO_MANY_ATTEMPTS });
    // An unknown address is limited the same way, so a 429 reveals nothing.
    const unknown = uniqueEmail("unknown-limit");
    for (let i = 0; i < 5; i++) await handleLinkRequest(post("/sign-in/request-link", { email: unknown }));
    expect((await handleLinkRequest(post("/sign-in/request-link", { email: unknown }))).status).toBe(429);
    const limited = await db.select().from(auditLog).where(eq(auditLog.action, "auth.rate_limited"));
    expect(limited.length).toBeGreaterThan(0);
  });

  it("at most 30 link requests an hour from one IP", async () => {
    const ip = freshIp();
    for (let i = 0; i < 30; i++)
      expect(
        (await handleLinkRequest(post("/sign-in/request-link", { email: uniqueEmail("ip") }, { ip }))).status,
      ).toBe(303);
    expect((await handleLinkRequest(post("/sign-in/request-link", { email: uniqueEmail("ip") }, { ip }))).status).toBe(
      429,
    );
    // Another IP is not affected.
    expect((await handleLinkRequest(post("/sign-in/request-link", { email: uniqueEmail("ip") }))).status).toBe(303);
  });

  it("past the per-IP limit, a forged X-Forwarded-For or X-Real-IP does not make a new client", async () => {
    process.env.RATE_LIMIT_LINK_PER_IP = "3";
    const ip = freshIp();
    for (let i = 0; i < 3; i++)
      expect(
        (
          await handleLinkRequest(
            post("/sign-in/request-link", { email: uniqueEmail("xff") }, { ip, forwardedFor: `203.0.113.${i + 1}` }),
          )
        ).status,
      ).toBe(303);
    for (const forged of ["203.0.113.77", "203.0.113.77, 198.51.100.9", ip.replace(/\d+$/, "1")]) {
      const r = await handleLinkRequest(
        post("/sign-in/request-link", { email: uniqueEmail("xff") }, { ip, forwardedFor: forged }),
      );
      expect(r.status).toBe(429);
    }
    // The audit log records the socket's address, not the claimed one.
    const rows = await db.select({ ip: auditLog.ip }).from(auditLog).where(eq(auditLog.action, "auth.rate_limited"));
    expect(rows.map((r) => r.ip)).toContain(ip);
    expect(rows.map((r) => r.ip)).not.toContain("203.0.113.77");
  });

  it("refuses a post from another origin or with no Origin (403), and shows field errors with the typed value (400)", async () => {
    expect(
      (
        await handleLinkRequest(
          post("/sign-in/request-link", { email: "a@example.test" }, { origin: "https://evil.example" }),
        )
      ).status,
    ).toBe(403);
    expect(
      (await handleLinkRequest(post("/sign-in/request-link", { email: "a@example.test" }, { origin: null }))).status,
    ).toBe(403);
    expect(
      (await handleLinkRequest(post("/sign-in/request-link", { email: "a@example.test" }, { origin: "null" }))).status,
    ).toBe(403);
    expect(
      (
        await handleLinkRequest(
          post("/sign-in/request-link", { email: "a@example.test" }, { origin: "null", fetchSite: "cross-site" }),
        )
      ).status,
    ).toBe(403);
    expect(
      (await handleLinkRequest(post("/sign-in/request-link", { email: "a@example.test" }, { fetchSite: "same-site" })))
        .status,
    ).toBe(403);
    // A plain form post under Referrer-Policy: no-referrer: Origin null, but the browser says same-origin.
    expect(
      (
        await handleLinkRequest(
          post("/sign-in/request-link", { email: "a@example.test" }, { origin: "null", fetchSite: "same-origin" }),
        )
      ).status,
    ).toBe(303);
    const bad = await handleLinkRequest(post("/sign-in/request-link", { email: "not-an-email" }));
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('value="not-an-email"');
    expect(html).toContain("Enter a valid email address");
  });
});

describe("Email me a new link (POST /sign-in/resend-link)", () => {
  it("re-sends to the old link's account without the address in the request", async () => {
    const { user } = await makeClient("resend");
    const old = (await requestSignInLink(user.email, {})).token!;
    await requestSignInLink(user.email, {});
    const before = await emailsTo(user.email);
    const r = await handleResendRequest(post("/sign-in/resend-link", { token: old }));
    expect([r.status, r.headers.get("location")]).toEqual([303, "/sign-in/check-email"]);
    expect(await emailsTo(user.email)).toBe(before + 1);
    // A link of no account gets the same answer (and sends nothing).
    const u = await handleResendRequest(post("/sign-in/resend-link", { token: "unknown-token-value" }));
    expect([u.status, u.headers.get("location")]).toEqual([303, "/sign-in/check-email"]);
  });
});

describe("PIN sign-in (POST /sign-in/pin/verify)", () => {
  it("a wrong address and a wrong PIN get the same error; at most 10 attempts an hour per IP, even with a right PIN", async () => {
    const ip = freshIp();
    const { user } = await makeClient("pin-limit");
    const r1 = await handlePinRequest(
      post("/sign-in/pin/verify", { email: "nobody@example.test", pin: "123456" }, { ip, json: true }),
      viaProvider,
    );
    const r2 = await handlePinRequest(
      post("/sign-in/pin/verify", { email: "jordan.lee@example.com", pin: "123456" }, { ip, json: true }),
      viaProvider,
    );
    expect(r1.status).toBe(401);
    expect(await r1.json()).toEqual(await r2.json());
    for (let i = 2; i < 10; i++)
      expect(
        (
          await handlePinRequest(
            post("/sign-in/pin/verify", { email: "x@example.test", pin: "000000" }, { ip }),
            viaProvider,
          )
        ).status,
      ).toBe(401);
    const pin = await issuePin(user.id, { userId: user.id, role: "admin" }, null);
    const eleventh = await handlePinRequest(
      post("/sign-in/pin/verify", { email: user.email, pin }, { ip, json: true }),
      viaProvider,
    );
    expect(eleventh.status).toBe(429);
    expect(await eleventh.json()).toMatchObject({ error: TOO_MANY_ATTEMPTS });
    // Forged address headers do not reset it.
    for (const forged of ["203.0.113.77", "198.51.100.1, 203.0.113.77"]) {
      expect(
        (
          await handlePinRequest(
            post("/sign-in/pin/verify", { email: user.email, pin }, { ip, forwardedFor: forged }),
            viaProvider,
          )
        ).status,
      ).toBe(429);
    }
    // The limited attempts never tested the PIN: it still works from another client.
    expect((await handlePinRequest(post("/sign-in/pin/verify", { email: user.email, pin }), viaProvider)).status).toBe(
      303,
    );
    const limited = await db
      .select({ ip: auditLog.ip, detail: auditLog.detail })
      .from(auditLog)
      .where(eq(auditLog.action, "auth.rate_limited"));
    expect(limited.filter((r) => r.ip === ip).length).toBe(3);
  });

  it("the limits come from configuration", async () => {
    process.env.RATE_LIMIT_PIN_PER_IP = "2";
    const ip = freshIp();
    expect(
      (
        await handlePinRequest(
          post("/sign-in/pin/verify", { email: "x@example.test", pin: "000000" }, { ip }),
          viaProvider,
        )
      ).status,
    ).toBe(401);
    expect(
      (
        await handlePinRequest(
          post("/sign-in/pin/verify", { email: "x@example.test", pin: "000000" }, { ip }),
          viaProvider,
        )
      ).status,
    ).toBe(401);
    expect(
      (
        await handlePinRequest(
          post("/sign-in/pin/verify", { email: "x@example.test", pin: "000000" }, { ip }),
          viaProvider,
        )
      ).status,
    ).toBe(429);
  });

  it("without JavaScript a refused PIN re-shows the form with the address kept and never the PIN", async () => {
    const r = await handlePinRequest(
      post("/sign-in/pin/verify", { email: "pat.park@example.com", pin: "654321" }),
      viaProvider,
    );
    expect(r.status).toBe(401);
    const html = await r.text();
    expect(html).toContain('value="pat.park@example.com"');
    expect(html).not.toContain("654321");
    expect(html).toContain(PIN_REJECTED.replaceAll("'", "&#39;"));
  });
});

/**
 * An outsider must not learn who is a client from any sign-in form (docs/product.md, Sign-in rule 2): the known and
 * the unknown address get the same bytes, headers included, with and without JavaScript.
 */
async function snapshot(r: Response) {
  return { status: r.status, headers: [...r.headers.entries()].sort(), body: await r.text() };
}

describe("known and unknown addresses get byte-identical answers", () => {
  it("Email Me a Link: same status, headers and body; only the known address gets an email, whose link works once", async () => {
    const { user } = await makeClient("same-bytes");
    const unknown = uniqueEmail("same-bytes-unknown");
    for (const json of [false, true]) {
      const known = await snapshot(
        await handleLinkRequest(post("/sign-in/request-link", { email: user.email }, { json })),
      );
      const other = await snapshot(
        await handleLinkRequest(post("/sign-in/request-link", { email: unknown }, { json })),
      );
      expect(other).toEqual(known);
      expect(known.status).toBe(json ? 200 : 303);
    }
    expect(await emailsTo(unknown)).toBe(0);
    expect(await emailsTo(user.email)).toBe(2);
    // Each request is still audited, the unknown one by its masked address.
    const unknownAudit = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "auth.link_request_unknown"), eq(auditLog.subject, maskEmail(unknown))));
    expect(unknownAudit).toHaveLength(2);

    // The dev mailbox renders the queued row into the same email the template gives, with a link that works once.
    const [row] = await db
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.to, user.email))
      .orderBy(sql`${emailOutbox.createdAt} desc`)
      .limit(1);
    expect([row.template, row.html, row.text]).toEqual(["sign-in-link", null, null]);
    const message = await getMailboxMessage(row.id, { ip: "127.0.0.1" });
    const url = /href="(http:\/\/localhost:3000\/sign-in\/confirm\?token=[^"]+)"/.exec(message.html ?? "")?.[1];
    expect(url).toBeDefined();
    const practice = await getPracticeSettings();
    const expected = await renderEmail("sign-in-link", {
      url: url!.replaceAll("&amp;", "&"),
      practiceName: practice.name,
      practicePhone: practice.phone,
    });
    expect({ subject: message.subject, html: message.html, text: message.text }).toEqual(expected);
    const page = await mailboxMessageRoute(
      new Request(`http://localhost:3000/dev/mailbox/${row.id}`, { headers: headersThroughServer("127.0.0.1") }),
      { params: Promise.resolve({ id: row.id }) },
    );
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(url!);
    const token = new URL(url!.replaceAll("&amp;", "&")).searchParams.get("token")!;
    expect(await consumeLink(token, {})).toMatchObject({ ok: true, user: { id: user.id } });
    expect(await consumeLink(token, {})).toEqual({ ok: false, reason: "unknown" });
  });

  it("Email me a new link: a link of an active account and a link of no account get the same answer", async () => {
    const { user } = await makeClient("same-resend");
    const old = (await requestSignInLink(user.email, {})).token!;
    await requestSignInLink(user.email, {});
    const before = await emailsTo(user.email);
    for (const json of [false, true]) {
      const known = await snapshot(await handleResendRequest(post("/sign-in/resend-link", { token: old }, { json })));
      const other = await snapshot(
        await handleResendRequest(
          post("/sign-in/resend-link", { token: `no-such-link-${randomBytes(8).toString("hex")}` }, { json }),
        ),
      );
      expect(other).toEqual(known);
    }
    expect(await emailsTo(user.email)).toBe(before + 2);
  });

  it("PIN sign-in: an unknown address, a client without a PIN and a wrong PIN get the same answer", async () => {
    const withPin = await makeClient("same-pin");
    const noPin = await makeClient("same-nopin");
    const actor = { userId: withPin.clinician.id, role: "clinician" };
    const pin = await issuePin(withPin.user.id, actor, withPin.profile.id);
    const wrong = pin === "000000" ? "111111" : "000000";
    for (const json of [false, true]) {
      const ip = freshIp();
      const unknownEmail = uniqueEmail("same-pin-unknown");
      const unknown = await snapshot(
        await handlePinRequest(
          post("/sign-in/pin/verify", { email: unknownEmail, pin: wrong }, { ip, json }),
          viaProvider,
        ),
      );
      const known = await snapshot(
        await handlePinRequest(
          post("/sign-in/pin/verify", { email: noPin.user.email, pin: wrong }, { ip, json }),
          viaProvider,
        ),
      );
      const wrongPin = await snapshot(
        await handlePinRequest(
          post("/sign-in/pin/verify", { email: withPin.user.email, pin: wrong }, { ip, json }),
          viaProvider,
        ),
      );
      expect(unknown.status).toBe(401);
      // The no-JavaScript page re-shows the typed address; with it masked, the pages are the same bytes.
      const masked = (x: typeof unknown, email: string) => ({ ...x, body: x.body.replaceAll(email, "EMAIL") });
      expect(masked(known, noPin.user.email).body).toBe(masked(unknown, unknownEmail).body);
      expect(known.headers).toEqual(unknown.headers);
      expect(wrongPin.headers).toEqual(unknown.headers);
      expect(masked(wrongPin, withPin.user.email).body).toBe(masked(known, noPin.user.email).body);
      expect([known.status, wrongPin.status]).toEqual([401, 401]);
    }
    // The PIN still works after those tries.
    expect((await verifyPin(withPin.user.email, pin, {})).ok).toBe(true);
  });
});
