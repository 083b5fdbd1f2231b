import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@/db";
import { emailOutbox } from "@/db/schema";
import { HOUR } from "@/lib/core/clock";
import { advanceNow, restoreClock } from "@/lib/test/clock";
import { startFakeResend } from "@/lib/test/fake-resend";
import { deliverDueEmails, startEmailDeliverer, stopEmailDeliverer } from "./deliver";
import { enqueueEmail } from "./outbox";
import { renderEmail } from "./templates";
import { emailTransport, type EmailTransport } from "./transport";

describe("email outbox delivery through Resend", () => {
  let fake: Awaited<ReturnType<typeof startFakeResend>>;
  beforeAll(async () => {
    fake = await startFakeResend();
    process.env.RESEND_API_KEY = "re_test_key";
    process.env.RESEND_BASE_URL = fake.url;
  });
  afterAll(async () => {
    delete process.env.RESEND_API_KEY;
    delete process.env.RESEND_BASE_URL;
    restoreClock();
    await fake.close();
  });

  it("keeps an email pending while the provider answers 500, and delivers it once when it answers 200", async () => {
    const id = await enqueueEmail(db, {
      to: "outage.test@example.com",
      template: "sign-in-link",
      props: { url: "http://localhost:3000/sign-in/confirm?token=x" },
    });
    fake.setStatus(500);
    await deliverDueEmails(emailTransport()!, 10_000);
    let [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, id));
    expect(row.status).toBe("pending");
    expect(row.attempts).toBe(1);
    expect(row.lastError).toMatch(/Resend refused/);
    // Nothing is lost while the provider is down: the template and props wait in the row for the retry.
    expect(row.template).toBe("sign-in-link");
    expect(row.props).toMatchObject({ url: "http://localhost:3000/sign-in/confirm?token=x" });

    fake.setStatus(200);
    // Not due yet: backoff holds it back.
    await deliverDueEmails(emailTransport()!, 10_000);
    expect(fake.received.filter((m) => m.to === "outage.test@example.com")).toHaveLength(0);

    advanceNow(HOUR);
    await deliverDueEmails(emailTransport()!, 10_000);
    await deliverDueEmails(emailTransport()!, 10_000);
    [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, id));
    expect(row.status).toBe("sent");
    expect(row.provider).toBe("resend");
    // The live link is not kept once the provider has it.
    expect([row.props, row.html, row.text]).toEqual([null, null, null]);
    const sent = fake.received.filter((m) => m.to === "outage.test@example.com");
    expect(sent).toHaveLength(1);
    expect(sent[0].html).toContain('href="http://localhost:3000/sign-in/confirm?token=x"');
    expect(sent[0].text).toContain("Sign In");
    expect(sent[0].idempotencyKey).toBe(`haven-${id}`);
    expect(sent[0].auth).toBe("Bearer re_test_key");
  });

  it("never sends one email twice when several deliverers run at once", async () => {
    fake.setStatus(200);
    const ids: string[] = [];
    for (let i = 0; i < 10; i++)
      ids.push(
        await enqueueEmail(db, {
          to: `parallel.${i}@example.com`,
          template: "forms-assigned",
          props: { url: "http://localhost:3000/portal" },
        }),
      );
    await Promise.all([
      deliverDueEmails(emailTransport()!, 10_000),
      deliverDueEmails(emailTransport()!, 10_000),
      deliverDueEmails(emailTransport()!, 10_000),
    ]);
    await deliverDueEmails(emailTransport()!, 10_000);
    for (let i = 0; i < 10; i++)
      expect(fake.received.filter((m) => m.to === `parallel.${i}@example.com`)).toHaveLength(1);
  });

  it("renders each email at delivery, from the row's template and props, as renderEmail does", async () => {
    fake.setStatus(200);
    const url = "http://localhost:3000/sign-in/confirm?token=render-at-delivery";
    const id = await enqueueEmail(db, {
      to: "render.test@example.com",
      template: "welcome",
      props: { url, clinicianName: "Ana Rivera", audience: "client" },
    });
    const [queued] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, id));
    // Queued without a body: no request or transaction rendered it.
    expect([queued.html, queued.text]).toEqual([null, null]);
    expect(queued.subject).toBe(`Welcome to the ${queued.props!.practiceName as string} client portal`);
    const expected = await renderEmail("welcome", {
      url,
      clinicianName: "Ana Rivera",
      audience: "client",
      practiceName: queued.props!.practiceName as string,
      practicePhone: queued.props!.practicePhone as string | null,
    });
    await deliverDueEmails(emailTransport()!, 10_000);
    const [got] = fake.received.filter((m) => m.to === "render.test@example.com");
    expect(got).toMatchObject({ subject: expected.subject, html: expected.html, text: expected.text });
  });

  it("keeps an old row's stored body readable, and a row whose props fail their schema retries without logging them", async () => {
    fake.setStatus(200);
    const [old] = await db
      .insert(emailOutbox)
      .values({
        to: "old.row@example.com",
        subject: "Old subject",
        template: "sign-in-link",
        html: "<p>old body http://localhost:3000/x</p>",
        text: "old body",
      })
      .returning({ id: emailOutbox.id });
    const secret = "http://localhost:3000/sign-in/confirm?token=must-never-be-logged";
    const [bad] = await db
      .insert(emailOutbox)
      .values({
        to: "bad.props@example.com",
        subject: "Bad",
        template: "sign-in-link",
        props: { url: secret, practiceName: "P", extra: secret },
      })
      .returning({ id: emailOutbox.id });
    const lines: string[] = [];
    const spy = vi
      .spyOn(console, "error")
      .mockImplementation((...a: unknown[]) => void lines.push(a.map(String).join(" ")));
    const spyLog = vi
      .spyOn(console, "log")
      .mockImplementation((...a: unknown[]) => void lines.push(a.map(String).join(" ")));
    try {
      await deliverDueEmails(emailTransport()!, 10_000);
    } finally {
      spy.mockRestore();
      spyLog.mockRestore();
    }
    expect(fake.received.filter((m) => m.to === "old.row@example.com")).toMatchObject([
      { subject: "Old subject", html: "<p>old body http://localhost:3000/x</p>", text: "old body" },
    ]);
    expect(fake.received.filter((m) => m.to === "bad.props@example.com")).toHaveLength(0);
    const [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, bad.id));
    expect(row.status).toBe("pending");
    expect(row.lastError).toMatch(/invalid props for email template sign-in-link: \(root\)/);
    expect(row.lastError).not.toContain("must-never-be-logged");
    expect(lines.join("\n")).not.toContain("must-never-be-logged");
    expect(lines.join("\n")).toContain(bad.id);
    expect(old.id).toBeTruthy();
  });

  it("refuses to queue props outside the template's schema, inside the caller's transaction", async () => {
    await expect(
      enqueueEmail(db, { to: "x@example.com", template: "sign-in-link", props: { url: "javascript:alert(1)" } }),
    ).rejects.toThrow(/invalid props for email template sign-in-link: url/);
  });
});

describe("shutting a server down releases its outbox leases", () => {
  it("finishes the email being sent and hands the rest of its batch back at once, none left leased", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 4; i++)
      ids.push(
        await enqueueEmail(db, {
          to: `lease.${i}@example.com`,
          template: "sign-in-link",
          props: { url: "http://localhost:3000/sign-in/confirm?token=x" },
        }),
      );
    const sent: string[] = [];
    let firstSend!: () => void;
    const sending = new Promise<void>((r) => (firstSend = r));
    // A slow provider: the shutdown arrives while the first message of the batch is being sent.
    const slow: EmailTransport = {
      name: "resend",
      async send(m) {
        firstSend();
        await new Promise((r) => setTimeout(r, 300));
        sent.push(m.id);
        return { providerMessageId: null };
      },
    };
    process.env.EMAIL_DELIVERER = "on";
    try {
      startEmailDeliverer(20, () => slow);
      await sending;
      await stopEmailDeliverer();
    } finally {
      process.env.EMAIL_DELIVERER = "off";
    }
    const rows = await db.select().from(emailOutbox);
    const mine = rows.filter((r) => ids.includes(r.id));
    expect(mine.filter((r) => r.status === "sending")).toEqual([]);
    expect(mine.filter((r) => r.status === "sent").map((r) => r.id)).toEqual(sent.filter((id) => ids.includes(id)));
    const released = mine.filter((r) => r.status === "pending");
    expect(released.length).toBeGreaterThanOrEqual(3);
    for (const r of released) {
      expect(r.lockedUntil).toBeNull();
      expect(r.attempts).toBe(0);
    }
    // Nothing is sent after the stop.
    const after = sent.length;
    await new Promise((r) => setTimeout(r, 100));
    expect(sent.length).toBe(after);
  });
});
