/**
 * `npm run bench scale` (docs/performance.md, "Scale"): do the dashboard and the audit log stay flat as the
 * practice grows? PostgreSQL only (a million audit rows are too slow to seed into embedded PGlite):
 *
 *   npm run build
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench scale
 *
 * A scratch database on that server (created, then dropped), `next start` against it, sessions made directly in the
 * database (Ana Rivera, the admin) and sent as cookies, as in bench/pages.bench.ts. Three sizes, grown in place
 * with `INSERT … SELECT generate_series` while the server is idle:
 *
 *   A: 100 clients,    10,000 audit rows
 *   B: 10,000 clients, 10,000 audit rows (plus the views the bench itself wrote)
 *   C: 10,000 clients, 1,000,000 audit rows
 *
 * Every client gets a sent invoice (the unpaid to-do); every 20th a submitted, unreviewed form; every 100th an
 * open safety alert (the dashboard's alert list). A quarter of the clients are Ana's, the rest three other
 * clinicians'. Per page and size: p50 and p95 at BENCH_CONNECTIONS (default 8) for BENCH_SECONDS (default 10)
 * after a 2 s warm-up, SQL statements per request (median of 5 single requests), and p95 over the previous size's
 * p95 (target: within 2×).
 */
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { encodeCursor } from "@/lib/core/keyset";
import { makeSessions, measurePage, scratchDatabase, startServer, statementCounter, type Who } from "./lib";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);
const AUTH_SECRET = randomBytes(32).toString("base64url");

type Row = { page: string; size: string; "p50 ms": number; "p95 ms": number; "SQL/req": number; ratio: string };

export default async function scaleBench() {
  const scratch = await scratchDatabase();
  if (!scratch) {
    throw new Error(
      "The scale bench runs on PostgreSQL only: set BENCH_DATABASE_URL (a scratch database is made on that server).",
    );
  }
  process.env.AUTH_SECRET = AUTH_SECRET;
  process.env.DATABASE_URL = scratch.url;
  const [{ closeDb, db }] = await Promise.all([import("@/db")]);
  const exec = async (q: ReturnType<typeof sql>) => {
    await db.execute(q);
  };
  const count = async (table: string) => {
    const r = (await db.execute(sql.raw(`select count(*)::int as n from ${table}`))) as unknown as { n: number }[];
    return r[0].n;
  };

  let cookies: Record<Exclude<Who, "anonymous">, string> | undefined;
  const server = await startServer(
    Number(process.env.BENCH_PORT ?? 3320),
    { AUTH_SECRET, BENCH_COUNT_SQL: "1", EMAIL_DELIVERER: "off", DATABASE_URL: scratch.url, SEED_DEMO: "on" },
    async () => {
      cookies = await makeSessions(AUTH_SECRET, { keepOpen: true });
    },
  );
  const statements = statementCounter(server);
  const rows: Row[] = [];
  const last = new Map<string, number>();
  const measure = async (label: string, path: string, who: "clinician" | "admin", size: string) => {
    const url = server.url + path;
    const cookie = cookies![who];
    const r = await fetch(url, { headers: { cookie }, redirect: "manual" });
    if (r.status !== 200) throw new Error(`${path} answered ${r.status} for the ${who}`);
    const c = await statements(url, cookie);
    await measurePage(url, cookie, 2, CONNECTIONS);
    const m = await measurePage(url, cookie, SECONDS, CONNECTIONS);
    const before = last.get(label);
    last.set(label, m.p95);
    rows.push({
      page: label,
      size,
      "p50 ms": Math.round(m.p50),
      "p95 ms": Math.round(m.p95),
      "SQL/req": c.statements,
      ratio: before ? `${(m.p95 / before).toFixed(2)}×` : "",
    });
    if (process.env.BENCH_VERBOSE)
      console.log(`${label} at ${size}: ${c.statements} statements\n  ${c.last.join("\n  ")}`);
  };

  try {
    const staff = (await db.execute(
      sql`select id, email from users where role in ('clinician', 'admin') order by email`,
    )) as unknown as { id: string; email: string }[];
    const ana = staff.find((s) => s.email === "ana.rivera@riverbend.example")!.id;
    const others: string[] = [];
    for (let i = 0; i < 3; i++) {
      const [u] = (await db.execute(
        sql`insert into users (email, name, role) values (${`scale.clinician.${i}@riverbend.example`}, ${`Scale Clinician ${i}`}, 'clinician') returning id`,
      )) as unknown as { id: string }[];
      others.push(u.id);
    }
    const clinicians = [ana, ...others];
    const [{ id: templateVersion }] = (await db.execute(
      sql`select id from form_template_versions order by id limit 1`,
    )) as unknown as { id: string }[];

    /** Clients numbered from..to, each with a sent invoice; every 20th a form to review, every 100th an alert. */
    const addClients = async (from: number, to: number) => {
      if (to < from) return;
      await exec(sql`
        with added as (
          insert into client_profiles (type, legal_name, clinician_id, diagnosis_codes)
          select 'individual', 'Scale Client ' || g, (${`{${clinicians.join(",")}}`}::uuid[])[1 + g % 4], '{}'
          from generate_series(${from}::int, ${to}::int) g
          returning id
        )
        insert into invoices (number, profile_id, status, issued_on, due_on, total_cents)
        select (select coalesce(max(number), 0) from invoices) + row_number() over (), id, 'sent',
               current_date - 10, current_date + 20, 12000
        from added`);
      await exec(sql`
        insert into form_responses (profile_id, template_version_id, sent_by_id, status, submitted_at, score, band)
        select p.id, ${templateVersion}::uuid, p.clinician_id, 'submitted',
               now() - (substring(p.legal_name from 14)::int % 500) * interval '1 hour', 21, 'severe'
        from client_profiles p
        where p.legal_name ~ '^Scale Client [0-9]+$'
          and substring(p.legal_name from 14)::int between ${from}::int and ${to}::int
          and substring(p.legal_name from 14)::int % 20 = 0`);
      await exec(sql`
        insert into safety_alerts (response_id, profile_id, item_value, created_at)
        select r.id, r.profile_id, 2, r.submitted_at
        from form_responses r join client_profiles p on p.id = r.profile_id
        where p.legal_name ~ '^Scale Client [0-9]+$'
          and substring(p.legal_name from 14)::int between ${from}::int and ${to}::int
          and substring(p.legal_name from 14)::int % 100 = 0`);
    };
    /** Audit rows up to `total`, one every 30 s going back from now, by staff, about the clients, PHI views mostly. */
    const fillAudit = async (total: number) => {
      const have = await count("audit_log");
      for (let done = 0; done < total - have; done += 250_000) {
        const n = Math.min(250_000, total - have - done);
        await exec(sql`
          with ids as (select array_agg(id) as p from client_profiles),
               who as (select array_agg(id) as u from users where role in ('clinician', 'admin'))
          insert into audit_log (at, actor_user_id, actor_role, profile_id, action, target_type, target_id)
          select now() - interval '1 hour' - (${have + done}::int + g) * interval '30 seconds',
                 who.u[1 + g % cardinality(who.u)], 'clinician', ids.p[1 + g % cardinality(ids.p)],
                 (array['profile.view', 'forms.list', 'document.list', 'billing.view'])[1 + g % 4],
                 'profile', ids.p[1 + g % cardinality(ids.p)]::text
          from generate_series(1, ${n}::int) g, ids, who`);
      }
      await exec(sql`analyze`);
    };

    const existing = await count("client_profiles");
    await addClients(1, 100 - existing);
    await fillAudit(10_000);
    const sizeA = `${await count("client_profiles")} clients, ${await count("audit_log")} audit rows`;
    console.log(`scale bench: PostgreSQL, next start, ${CONNECTIONS} connections, ${SECONDS} s per page after 2 s`);
    await measure("/dashboard (clinician)", "/dashboard", "clinician", sizeA);
    await measure("/dashboard (admin)", "/dashboard", "admin", sizeA);
    await measure("/admin/audit", "/admin/audit", "admin", sizeA);

    await addClients(100 - existing + 1, 10_000 - existing);
    await exec(sql`analyze`);
    const sizeB = `${await count("client_profiles")} clients, ${await count("audit_log")} audit rows`;
    await measure("/dashboard (clinician)", "/dashboard", "clinician", sizeB);
    await measure("/dashboard (admin)", "/dashboard", "admin", sizeB);
    await measure("/admin/audit", "/admin/audit", "admin", sizeB);
    // Half-way down the log: what an offset would have paid for on every "Older".
    const deep = async () => {
      const [r] = (await db.execute(
        sql`select id, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as k from audit_log
            order by at desc, id desc offset (select count(*) / 2 from audit_log) limit 1`,
      )) as unknown as { id: number; k: string }[];
      return `/admin/audit?after=${encodeCursor(r.k, r.id)}`;
    };
    await measure("/admin/audit, half-way down", await deep(), "admin", sizeB);

    await fillAudit(1_000_000);
    const sizeC = `${await count("client_profiles")} clients, ${await count("audit_log")} audit rows`;
    await measure("/admin/audit", "/admin/audit", "admin", sizeC);
    await measure("/admin/audit, half-way down", await deep(), "admin", sizeC);
    console.table(rows);
  } finally {
    await server.stop();
    await closeDb();
    await scratch.drop();
  }
}
