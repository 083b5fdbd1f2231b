import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { db, execRows } from "@/db";
import { seedDemo, DEMO } from "@/lib/demo/seed";

/** Row counts of every table in the schema, so "one of everything" covers what any domain seeds. */
async function counts() {
  const tables = await execRows<{ name: string }>(
    sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
  );
  const out: Record<string, number> = {};
  for (const t of tables) {
    const [r] = await execRows<{ n: number }>(sql`select count(*)::int as n from ${sql.identifier(t.name)}`);
    out[t.name] = r.n;
  }
  return out;
}

describe("demo practice seed", () => {
  it("seeds Riverbend Counseling as docs/product.md names it, and seeding twice leaves one of everything", async () => {
    const before = await counts();
    await seedDemo();
    await seedDemo();
    expect(await counts()).toEqual(before);
    // The domains' seeders ran too: the form library and the service-code catalogue.
    expect(before.form_templates).toBeGreaterThanOrEqual(5);
    expect(before.service_codes).toBeGreaterThanOrEqual(6);
    const [practice] = await execRows<{ name: string }>(sql`select name from practice_settings`);
    expect(practice.name).toBe("Riverbend Counseling");
    const rows = await execRows<{ email: string; role: string }>(sql`select email, role from users order by email`);
    const roles = Object.fromEntries(rows.map((r) => [r.email, r.role]));
    expect(roles[DEMO.admin]).toBe("admin");
    expect(roles[DEMO.ana]).toBe("clinician");
    expect(roles[DEMO.sam]).toBe("clinician");
    const access = await execRows<{ email: string; name: string; rel: string }>(sql`
      select u.email, p.legal_name as name, a.relationship as rel from profile_access a
      join users u on u.id = a.user_id join client_profiles p on p.id = a.profile_id order by u.email, p.legal_name`);
    expect(access.map((a) => `${a.email}:${a.name}:${a.rel}`)).toEqual(
      expect.arrayContaining([
        "jordan.lee@example.com:Jordan Lee:self",
        "jordan.lee@example.com:Jordan & Casey Lee:partner",
        "casey.lee@example.com:Jordan & Casey Lee:partner",
        "pat.park@example.com:Pat Park:self",
        "pat.park@example.com:Mia Park:guardian",
        "alex.kim@example.com:Alex Kim:self",
      ]),
    );
  });

  it("refuses to change or delete audit rows", async () => {
    await db.execute(sql`insert into audit_log (action) values ('test.append')`);
    await expect(db.execute(sql`update audit_log set action = 'x'`)).rejects.toThrow();
    await expect(db.execute(sql`delete from audit_log`)).rejects.toThrow();
  });
});
