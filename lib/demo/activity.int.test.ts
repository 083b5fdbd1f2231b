import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { execRows } from "@/db";
import { DEMO, seedDemoPractice } from "@/lib/demo/seed";
import { principalFor } from "@/lib/test/auth-fixtures";
import { loadTodos } from "@/lib/dashboard/todos";
import { listProfileResponses, listSubmissionsToReview, measureSeries } from "@/lib/forms/responses";
import { loadPortalTodos } from "@/lib/forms/views";
import { listProfileDocuments } from "@/lib/documents";
import { getPortalBilling } from "@/lib/dashboard/portal-billing";
import { listUnpaidInvoices } from "@/lib/billing/invoices";
import { formatDate, todayInZone, addDays, daysBetween } from "@/lib/core/time";
import { now } from "@/lib/core/clock";

/** Row counts of every table, so "changes nothing" covers what any domain writes. */
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

const TZ = "America/Los_Angeles";

describe("the demo practice at work", () => {
  it("is seeded once: a second run changes nothing", async () => {
    await seedDemoPractice();
    const first = await counts();
    await seedDemoPractice();
    const second = await counts();
    // Audit rows are written by reads too; the seed itself must add none the second time.
    expect(second).toEqual(first);
    expect(first.form_responses).toBeGreaterThan(20);
    expect(first.invoices).toBeGreaterThanOrEqual(5);
    expect(first.payments).toBe(2);
    expect(first.documents).toBe(6);
    expect(first.statements).toBe(2);
    expect(first.superbills).toBe(2);
  }, 120_000);

  it("gives every demo person real work to see through the same queries the pages use", async () => {
    await seedDemoPractice();
    const today = todayInZone(now(), TZ);

    // Jordan: a PHQ-9 to complete, a falling PHQ-9 and GAD-7 over three months, a document, a balance, a statement.
    const jordan = await principalFor(DEMO.jordan, "s", DEMO.profiles.jordan);
    expect((await loadPortalTodos(jordan)).pending).toBe(1);
    const mine = await listProfileResponses(jordan, DEMO.profiles.jordan);
    expect(mine.filter((r) => r.status === "submitted").length).toBeGreaterThanOrEqual(15);
    const series = await measureSeries(jordan, DEMO.profiles.jordan);
    expect(series.phq9.map((p) => p.score)).toEqual([16, 15, 13, 11, 9, 7]);
    expect(series.gad7.map((p) => p.score)).toEqual([15, 14, 12, 10, 8, 6]);
    // Spread over the last three months, two weeks apart, in the practice's days.
    const days = series.phq9.map((p) => formatDate(p.submittedAt, TZ));
    expect(new Set(days).size).toBe(6);
    const first = todayInZone(series.phq9[0].submittedAt, TZ);
    const last = todayInZone(series.phq9.at(-1)!.submittedAt, TZ);
    expect(daysBetween(first, today)).toBe(84);
    expect(daysBetween(first, last)).toBe(70);
    expect((await listProfileDocuments(jordan, DEMO.profiles.jordan)).shared.length).toBe(1);
    const jb = await getPortalBilling(jordan, DEMO.profiles.jordan);
    expect(jb.invoices.map((i) => i.status).sort()).toEqual(["paid", "sent"]);
    expect(jb.balanceDueCents).toBeGreaterThan(0);
    expect(jb.statements).toHaveLength(1);
    expect(jb.superbills).toHaveLength(1);
    // The statement balances: opening + charges − payments = closing, and the card payment is in it.
    const st = jb.statements[0];
    expect(st.paymentsCents).toBeGreaterThan(0);
    expect(st.openingBalanceCents + st.chargesCents - st.paymentsCents).toBe(st.closingBalanceCents);
    expect(st.closingBalanceCents).toBe(jb.balanceDueCents);

    // Casey (the couple): a form to fill, a shared document, an invoice.
    const casey = await principalFor(DEMO.casey, "s", DEMO.profiles.jordanCasey);
    expect((await loadPortalTodos(casey)).pending).toBe(1);
    expect((await listProfileDocuments(casey, DEMO.profiles.jordanCasey)).shared.length).toBe(1);
    expect((await getPortalBilling(casey, DEMO.profiles.jordanCasey)).balanceDueCents).toBeGreaterThan(0);

    // Pat: a GAD-7 to fill, their own upload, a paid and an unpaid invoice, statement and superbill; Mia: a form.
    const pat = await principalFor(DEMO.pat, "s", DEMO.profiles.pat);
    expect((await loadPortalTodos(pat)).pending).toBe(1);
    const patDocs = await listProfileDocuments(pat, DEMO.profiles.pat);
    expect([patDocs.shared.length, patDocs.uploaded.length]).toEqual([1, 1]);
    const pb = await getPortalBilling(pat, DEMO.profiles.pat);
    expect(pb.invoices.map((i) => i.status).sort()).toEqual(["paid", "sent"]);
    expect(pb.statements).toHaveLength(1);
    expect(pb.superbills).toHaveLength(1);
    const mia = await principalFor(DEMO.pat, "s", DEMO.profiles.mia);
    expect((await loadPortalTodos(mia)).pending).toBe(1);
    expect((await listProfileDocuments(mia, DEMO.profiles.mia)).shared.length).toBe(1);

    // Alex (Sam's client): forms over time, a form to fill, a document, an invoice.
    const alex = await principalFor(DEMO.alex, "s", DEMO.profiles.alex);
    expect((await loadPortalTodos(alex)).pending).toBe(1);
    expect((await measureSeries(alex, DEMO.profiles.alex)).phq9).toHaveLength(3);
    expect((await listProfileDocuments(alex, DEMO.profiles.alex)).shared.length).toBe(1);
    expect((await getPortalBilling(alex, DEMO.profiles.alex)).balanceDueCents).toBeGreaterThan(0);

    // Ana: submissions to review, Pat's new upload, unpaid invoices; the first PHQ-9's safety alert was acknowledged.
    const ana = await principalFor(DEMO.ana);
    const anaTodos = Object.fromEntries((await loadTodos(ana)).map((t) => [t.key, t.count]));
    expect(anaTodos["forms.to-review"]).toBeGreaterThan(0);
    expect(anaTodos["forms.safety-alerts"]).toBe(0);
    expect(anaTodos["billing.unpaid"]).toBe(3);
    expect(Object.entries(anaTodos).some(([k, n]) => k.startsWith("documents") && n === 1)).toBe(true);
    expect((await listSubmissionsToReview(ana)).length).toBeGreaterThan(0);
    const acknowledged = await execRows<{ n: number }>(
      sql`select count(*)::int as n from safety_alerts where acknowledged and acknowledged_at is not null`,
    );
    expect(acknowledged[0].n).toBe(1);

    // Sam: Alex's latest submissions and invoice.
    const sam = await principalFor(DEMO.sam);
    expect((await listSubmissionsToReview(sam)).length).toBeGreaterThan(0);
    expect((await listUnpaidInvoices(sam)).length).toBe(1);

    // The admin: the whole practice's unpaid invoices and forms to review.
    const admin = await principalFor(DEMO.admin);
    const adminTodos = Object.fromEntries((await loadTodos(admin)).map((t) => [t.key, t.count]));
    expect(adminTodos["billing.unpaid"]).toBe(4);
    expect(adminTodos["forms.to-review"]).toBeGreaterThan(0);

    // Nothing dated in the future, nothing older than the story's three months.
    const [range] = await execRows<{ min: string; max: string }>(
      sql`select min(issued_on)::text as min, max(issued_on)::text as max from invoices`,
    );
    expect(range.max <= today).toBe(true);
    expect(range.min >= addDays(today, -92)).toBe(true);
  }, 120_000);
});
