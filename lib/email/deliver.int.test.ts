import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@/db";
import { emailOutbox } from "@/db/schema";
import { clockForTests, HOUR } from "@/lib/core/clock";
import { resetEnvForTests } from "@/lib/core/env";
import { startFakeResend } from "@/lib/test/fake-resend";
import { deliverDueEmails } from "./deliver";
import { enqueueEmail } from "./outbox";
import { emailTransport } from "./transport";

describe("email outbox delivery through Resend", () => {
  let fake: Awaited<ReturnType<typeof startFakeResend>>;
  beforeAll(async () => {
    fake = await startFakeResend();
    process.env.RESEND_API_KEY = "re_test_key";
    process.env.RESEND_BASE_URL = fake.url;
    resetEnvForTests();
  });
  afterAll(async () => {
    delete process.env.RESEND_API_KEY;
    delete process.env.RESEND_BASE_URL;
    resetEnvForTests();
    clockForTests.reset();
    await fake.close();
  });

  it("keeps an email pending while the provider answers 500, and delivers it once when it answers 200", async () => {
    const id = await enqueueEmail(db, { to: "outage.test@example.com", template: "sign-in-link", props: { url: "http://localhost:3000/sign-in/confirm?token=x" } });
    fake.setStatus(500);
    await deliverDueEmails(emailTransport()!, 10_000);
    let [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, id));
    expect(row.status).toBe("pending");
    expect(row.attempts).toBe(1);
    expect(row.lastError).toMatch(/Resend refused/);
    expect(row.html).toContain("Sign In");

    fake.setStatus(200);
    // Not due yet: backoff holds it back.
    await deliverDueEmails(emailTransport()!, 10_000);
    expect(fake.received.filter((m) => m.to === "outage.test@example.com")).toHaveLength(0);

    clockForTests.advance(HOUR);
    await deliverDueEmails(emailTransport()!, 10_000);
    await deliverDueEmails(emailTransport()!, 10_000);
    [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, id));
    expect(row.status).toBe("sent");
    expect(row.provider).toBe("resend");
    // The live link is not kept once the provider has it.
    expect(row.html).toBeNull();
    const sent = fake.received.filter((m) => m.to === "outage.test@example.com");
    expect(sent).toHaveLength(1);
    expect(sent[0].idempotencyKey).toBe(`haven-${id}`);
    expect(sent[0].auth).toBe("Bearer re_test_key");
  });

  it("never sends one email twice when several deliverers run at once", async () => {
    fake.setStatus(200);
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) ids.push(await enqueueEmail(db, { to: `parallel.${i}@example.com`, template: "forms-assigned", props: { url: "http://localhost:3000/portal" } }));
    await Promise.all([deliverDueEmails(emailTransport()!, 10_000), deliverDueEmails(emailTransport()!, 10_000), deliverDueEmails(emailTransport()!, 10_000)]);
    await deliverDueEmails(emailTransport()!, 10_000);
    for (let i = 0; i < 10; i++) expect(fake.received.filter((m) => m.to === `parallel.${i}@example.com`)).toHaveLength(1);
  });
});
