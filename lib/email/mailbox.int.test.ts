import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/db";
import { emailOutbox } from "@/db/schema";
import { NotFoundError } from "@/lib/core/errors";
import { metaFrom } from "@/lib/core/http";
import { GET as getMessage } from "@/app/dev/mailbox/[id]/route";
import { headersThroughServer } from "@/lib/test/edge";
import { listMailbox } from "./mailbox";

/**
 * The dev mailbox shows live sign-in links, so it answers only a client on this machine: decided by the address
 * server.mjs took from the socket, never by the Host header (which the client writes).
 */
const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

async function queuedMessage() {
  const [m] = await db
    .insert(emailOutbox)
    .values({
      to: "mailbox-test@example.test",
      subject: "Your sign-in link",
      template: "sign-in-link",
      html: '<html><body><a href="http://localhost:3000/sign-in/confirm?token=live-token">Sign in</a></body></html>',
    })
    .returning();
  return m;
}

const open = (id: string, socketAddress: string, headers: Record<string, string> = {}) =>
  getMessage(
    new Request(`http://localhost:3000/dev/mailbox/${id}`, { headers: headersThroughServer(socketAddress, headers) }),
    { params: Promise.resolve({ id }) },
  );

describe("dev mailbox (/dev/mailbox, /dev/mailbox/[id])", () => {
  it("opens a message for a client on this machine", async () => {
    const m = await queuedMessage();
    for (const loopback of ["127.0.0.1", "127.1.2.3", "::1", "::ffff:127.0.0.1"]) {
      const r = await open(m.id, loopback);
      expect(r.status).toBe(200);
      expect(await r.text()).toContain("live-token");
    }
    expect((await listMailbox(metaFrom(new Headers(headersThroughServer("127.0.0.1"))))).map((x) => x.id)).toContain(
      m.id,
    );
  });

  it("is a 404 for any other client address, whatever Host, X-Forwarded-For or X-Real-IP say", async () => {
    const m = await queuedMessage();
    const lies: Record<string, string>[] = [
      {},
      { host: "localhost:3000" },
      { host: "127.0.0.1" },
      { host: "[::1]:3000" },
      { "x-forwarded-for": "127.0.0.1", "x-real-ip": "127.0.0.1", host: "localhost" },
      { "x-forwarded-host": "localhost" },
    ];
    for (const address of ["192.0.2.2", "10.0.0.5", "fd00::2", "::ffff:192.0.2.2"]) {
      for (const headers of lies) {
        const r = await open(m.id, address, headers);
        expect(r.status).toBe(404);
        expect(await r.text()).not.toContain("live-token");
      }
      await expect(
        listMailbox(metaFrom(new Headers(headersThroughServer(address, { host: "localhost" })))),
      ).rejects.toBeInstanceOf(NotFoundError);
    }
  });

  it("is a 404 when the address is unknown (no server stamp, e.g. plain `next start`), even claiming loopback", async () => {
    const m = await queuedMessage();
    const r = await getMessage(
      new Request(`http://localhost:3000/dev/mailbox/${m.id}`, {
        headers: { host: "localhost", "x-forwarded-for": "127.0.0.1", "x-haven-client-ip": "127.0.0.1" },
      }),
      { params: Promise.resolve({ id: m.id }) },
    );
    expect(r.status).toBe(404);
  });

  it("is off on a production deployment (non-local APP_URL) even for loopback, unless DEV_MAILBOX=on", async () => {
    const m = await queuedMessage();
    Object.assign(process.env, { NODE_ENV: "production", APP_URL: "https://portal.example.com" });
    delete process.env.RESEND_API_KEY;
    delete process.env.DEV_MAILBOX;
    expect((await open(m.id, "127.0.0.1")).status).toBe(404);
    process.env.DEV_MAILBOX = "on";
    expect((await open(m.id, "127.0.0.1")).status).toBe(200);
    // Forced on, it is still only for this machine (reach it through an SSH tunnel).
    expect((await open(m.id, "192.0.2.2", { host: "localhost" })).status).toBe(404);
    process.env.DEV_MAILBOX = "off";
    expect((await open(m.id, "127.0.0.1")).status).toBe(404);
  });
});
