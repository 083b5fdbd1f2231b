import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { db } from "@/db";
import { auditLog } from "@/db/schema";
import { principalFor } from "@/lib/test/auth-fixtures";
import { DEMO } from "@/lib/demo/seed";
import { NotFoundError } from "@/lib/core/errors";
import { encodeCursor, readPageRequest, type PageRequest } from "@/lib/core/keyset";
import { AUDIT_PAGE_SIZE, listAuditEntries, viewAuditLog } from "@/lib/dashboard/admin-logs";
import { parseAuditFilters } from "@/lib/audit/schemas";

const ACTION = "keyset.probe";
const filters = parseAuditFilters({ action: ACTION });

/**
 * 130 entries: newest, 70 in one millisecond that differ only in their microseconds (the first page ends among
 * them: a cursor cut to milliseconds skips or repeats rows there), then 40 on one exact microsecond (the second
 * page ends among them: only the id orders them), then 20 an hour earlier.
 */
async function seedEntries(): Promise<number[]> {
  await db.execute(sql`
    insert into audit_log (at, action, actor_role)
    select case when g <= 40 then timestamptz '2031-03-01 10:00:00.123456+00'
                when g <= 110 then timestamptz '2031-03-01 10:00:00.124+00' + (g - 40) * interval '1 microsecond'
                else timestamptz '2031-03-01 09:00:00+00' end,
           ${ACTION}, 'system'
    from generate_series(1, 130) g`);
  const rows = await db
    .select({ id: auditLog.id })
    .from(auditLog)
    .where(sql`${auditLog.action} = ${ACTION}`)
    .orderBy(sql`${auditLog.at} desc, ${auditLog.id} desc`);
  return rows.map((r) => r.id);
}

describe("audit log keyset pages", () => {
  it("walks every entry once, older and back newer, even where entries share a timestamp", async () => {
    const admin = await principalFor(DEMO.admin, "test");
    const expected = await seedEntries();
    expect(expected).toHaveLength(130);

    const pages: number[][] = [];
    let page: PageRequest = null;
    let last: Awaited<ReturnType<typeof listAuditEntries>>;
    for (;;) {
      last = await listAuditEntries(admin, filters, page);
      pages.push(last.rows.map((x) => x.id));
      expect(last.newer === null, "only the first page has no Newer").toBe(page === null);
      if (!last.older) break;
      page = readPageRequest({ after: last.older }).page;
      expect(pages.length).toBeLessThan(10);
    }
    expect(pages.map((p) => p.length)).toEqual([AUDIT_PAGE_SIZE, AUDIT_PAGE_SIZE, 130 - 2 * AUDIT_PAGE_SIZE]);
    expect(pages.flat(), "no entry skipped or shown twice").toEqual(expected);

    // Back from the last page: "Newer" gives the middle page again, then the first, which has no "Newer".
    const middle = await listAuditEntries(admin, filters, readPageRequest({ before: last.newer! }).page);
    expect(middle.rows.map((x) => x.id)).toEqual(pages[1]);
    const first = await listAuditEntries(admin, filters, readPageRequest({ before: middle.newer! }).page);
    expect(first.rows.map((x) => x.id)).toEqual(pages[0]);
    expect(first.newer).toBeNull();
    expect(first.older).not.toBeNull();
  });

  it("a tampered or foreign-shaped cursor shows the newest page and says so, never an error", async () => {
    const admin = await principalFor(DEMO.admin, "test");
    const newest = (await listAuditEntries(admin, filters, null)).rows.map((r) => r.id);
    for (const token of [
      "garbage!",
      "AAAA",
      Buffer.from("2031-03-01T10:00:00.123456Z_1; drop table audit_log").toString("base64url"),
      Buffer.from("not a date_12").toString("base64url"),
      "x".repeat(500),
    ]) {
      const r = readPageRequest({ after: token });
      expect(r).toEqual({ page: null, invalid: true });
      const view = await viewAuditLog(admin, filters, r.page);
      expect(view.rows.map((x) => x.id)).toEqual(newest);
    }
    // Well-formed but of the wrong kind (a uuid on the serial-id audit log) or pointing past every row.
    const uuidCursor = readPageRequest({ after: encodeCursor("2031-03-01T10:00:00.123456Z", DEMO.profiles.pat) });
    expect((await listAuditEntries(admin, filters, uuidCursor.page)).rows.map((r) => r.id)).toEqual(newest);
    const past = readPageRequest({ before: encodeCursor("2999-01-01T00:00:00.000000Z", 1) });
    expect((await listAuditEntries(admin, filters, past.page)).rows.map((r) => r.id)).toEqual(newest);
  });

  it("is the admin's only: a clinician with a valid cursor gets not-found", async () => {
    const ana = await principalFor(DEMO.ana, "test");
    const page = readPageRequest({ after: encodeCursor("2031-03-01T10:00:00.123456Z", 5) }).page;
    await expect(listAuditEntries(ana, filters, page)).rejects.toBeInstanceOf(NotFoundError);
  });
});
