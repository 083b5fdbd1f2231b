import { afterEach, describe, expect, it } from "vitest";
import { eq, inArray, sql } from "drizzle-orm";
import { db, execRows } from "@/db";
import { emailOutbox } from "@/db/schema";
import { DAY } from "@/lib/core/clock";
import { DEMO } from "@/lib/demo/seed";
import { EMAIL_COUNT_CAP, listEmailLog } from "@/lib/dashboard/admin-logs";
import { principalFor } from "@/lib/test/auth-fixtures";
import { restoreClock, setNow } from "@/lib/test/clock";
import { deliverDueEmails } from "./deliver";
import { getMailboxMessage } from "./mailbox";
import { enqueueEmail } from "./outbox";
import { pruneDeliveredEmails, startOutboxRetention, stopOutboxRetention } from "./retention";
import type { EmailTransport } from "./transport";

const devMailbox: EmailTransport = { name: "dev-mailbox", send: async () => ({ providerMessageId: null }) };
const local = { ip: "127.0.0.1" };

/** `n` outbox rows in one statement (generate_series), with the given status and times. */
async function insertRows(n: number, status: "sent" | "failed" | "pending", at: Date, tag: string) {
  await db.execute(sql`
    INSERT INTO ${emailOutbox} ("to", subject, template, status, attempts, created_at, next_attempt_at, sent_at)
    SELECT ${tag} || '-' || g || '@example.test', 'Bulk', 'sign-in-link', ${status}::outbox_status, 1,
           ${at.toISOString()}::timestamptz, ${at.toISOString()}::timestamptz,
           ${status === "sent" ? at.toISOString() : null}::timestamptz
    FROM generate_series(1, ${n}) g`);
}

async function countTagged(tag: string) {
  const [r] = await execRows<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM ${emailOutbox} WHERE "to" LIKE ${tag + "-%"}`,
  );
  return Number(r.n);
}

describe("outbox retention", () => {
  afterEach(async () => {
    restoreClock();
    await stopOutboxRetention();
  });

  it("removes delivered emails past the retention in batches, and never failed or queued ones", async () => {
    const t0 = new Date("2026-01-10T12:00:00Z");
    await insertRows(2_345, "sent", t0, "old-sent");
    await insertRows(3, "failed", t0, "old-failed");
    await insertRows(2, "pending", t0, "old-pending");
    await insertRows(4, "sent", new Date(t0.getTime() + 60 * DAY), "newer-sent");

    // 89 days later nothing is old enough yet.
    expect(await pruneDeliveredEmails({ asOf: new Date(t0.getTime() + 89 * DAY), retentionDays: 90 })).toBe(0);
    expect(await countTagged("old-sent")).toBe(2_345);

    // Past 90 days: the old delivered rows go, 1,000 at a time (3 statements), a round capped at 2 statements.
    const later = new Date(t0.getTime() + 91 * DAY);
    expect(await pruneDeliveredEmails({ asOf: later, retentionDays: 90, maxBatches: 2 })).toBe(2_000);
    expect(await countTagged("old-sent")).toBe(345);
    expect(await pruneDeliveredEmails({ asOf: later, retentionDays: 90 })).toBe(345);
    expect(await countTagged("old-sent")).toBe(0);
    // Failed and undelivered rows stay however old; delivered rows inside the window stay.
    expect(await countTagged("old-failed")).toBe(3);
    expect(await countTagged("old-pending")).toBe(2);
    expect(await countTagged("newer-sent")).toBe(4);
  });

  it("reads the server's clock and OUTBOX_RETENTION_DAYS when run by the job", async () => {
    const sentAt = new Date("2026-03-01T09:00:00Z");
    await insertRows(5, "sent", sentAt, "env-sent");
    process.env.OUTBOX_RETENTION_DAYS = "30";
    try {
      setNow(new Date(sentAt.getTime() + 29 * DAY));
      expect(await pruneDeliveredEmails()).toBe(0);
      setNow(new Date(sentAt.getTime() + 31 * DAY));
      expect(await pruneDeliveredEmails()).toBe(5);
    } finally {
      delete process.env.OUTBOX_RETENTION_DAYS;
    }
  });

  it("keeps the dev mailbox readable: a delivered email's body stays until retention removes the row", async () => {
    const id = await enqueueEmail(db, {
      to: "mailbox.retention@example.test",
      template: "sign-in-link",
      props: { url: "http://localhost:3000/sign-in/confirm?token=keep" },
    });
    await deliverDueEmails(devMailbox, 10_000);
    const [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, id));
    expect(row.status).toBe("sent");
    expect(row.props).not.toBeNull();
    process.env.DEV_MAILBOX = "on";
    try {
      const m = await getMailboxMessage(id, local);
      expect(m.html).toContain("token=keep");
      // Within the retention nothing of it is pruned; past it, the whole row goes (no body-less row is left).
      await pruneDeliveredEmails({ asOf: new Date(row.sentAt!.getTime() + 10 * DAY), retentionDays: 90 });
      expect((await getMailboxMessage(id, local)).html).toContain("token=keep");
      await pruneDeliveredEmails({ asOf: new Date(row.sentAt!.getTime() + 91 * DAY), retentionDays: 90 });
      expect(
        await db
          .select()
          .from(emailOutbox)
          .where(inArray(emailOutbox.id, [id])),
      ).toHaveLength(0);
    } finally {
      delete process.env.DEV_MAILBOX;
    }
  });

  it("the job starts once and stops (boot and shutdown)", async () => {
    process.env.EMAIL_DELIVERER = "on";
    try {
      await insertRows(3, "sent", new Date("2020-01-01T00:00:00Z"), "job-sent");
      startOutboxRetention(20);
      startOutboxRetention(20); // a second start is ignored
      for (let i = 0; i < 100 && (await countTagged("job-sent")) > 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(await countTagged("job-sent")).toBe(0);
      await stopOutboxRetention();
      await insertRows(2, "sent", new Date("2020-01-01T00:00:00Z"), "after-stop");
      await new Promise((r) => setTimeout(r, 150));
      expect(await countTagged("after-stop")).toBe(2);
    } finally {
      process.env.EMAIL_DELIVERER = "off";
    }
  });

  it("the email log's totals stop counting past the cap", async () => {
    const admin = await principalFor(DEMO.admin, "test");
    await insertRows(EMAIL_COUNT_CAP + 50, "failed", new Date("2026-05-01T00:00:00Z"), "cap-failed");
    const { counts, rows } = await listEmailLog(admin, {});
    expect(counts.failed).toBe(EMAIL_COUNT_CAP + 1);
    expect(counts.pending).toBeLessThan(EMAIL_COUNT_CAP);
    expect(rows.length).toBeGreaterThan(0);
  });
});
