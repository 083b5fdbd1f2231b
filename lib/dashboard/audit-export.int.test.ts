import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { db } from "@/db";
import { principalFor } from "@/lib/test/auth-fixtures";
import { DEMO } from "@/lib/demo/seed";
import { NotFoundError } from "@/lib/core/errors";
import { AUDIT_EXPORT_BATCH, exportAuditCsv, streamAuditCsv } from "@/lib/dashboard/admin-logs";
import { parseAuditFilters } from "@/lib/audit/schemas";

/** The audit CSV export read in batches (lib/dashboard/admin-logs.ts streamAuditCsv). */
describe("audit CSV export", () => {
  it("holds every matching entry exactly once, newest first, across batches and equal times", async () => {
    const admin = await principalFor(DEMO.admin, "test");
    const n = AUDIT_EXPORT_BATCH * 2 + 37;
    // Many entries at the very same instant: only the id tells them apart, so a batch boundary falls among equals.
    await db.execute(sql`
      insert into audit_log (at, actor_role, action, target_type, target_id)
      select timestamptz '2031-05-05 10:00:00.123456+00', 'admin', 'settings.update', 'practice_settings', g::text
      from generate_series(1, ${n}) g`);
    const { csv, rows } = await exportAuditCsv(
      admin,
      parseAuditFilters({ action: "settings.update", from: "2031-05-05", to: "2031-05-05" }),
    );
    const lines = csv.trim().split("\r\n");
    expect(lines[0]).toMatch(/^id,time_utc,action/);
    const ids = lines.slice(1).map((l) => Number(l.split(",")[0]));
    expect(rows).toBe(n);
    expect(ids).toHaveLength(n);
    expect(new Set(ids).size).toBe(n);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
  });

  it("is for the admin only, before any byte", async () => {
    const ana = await principalFor(DEMO.ana, "test");
    await expect(streamAuditCsv(ana, parseAuditFilters({}))).rejects.toBeInstanceOf(NotFoundError);
  });
});
