import { describe, expect, it } from "vitest";
import { principalFor } from "@/lib/test/auth-fixtures";
import { and, desc, eq } from "drizzle-orm";
import { db } from "@/db";
import { auditLog } from "@/db/schema";
import { DEMO } from "@/lib/demo/seed";
import type { Principal } from "@/lib/core/principal";
import { clientListHref, readClientListQuery, viewClientList } from "@/lib/profiles/client-search";
import { viewProfileForms, viewReviewQueue } from "@/lib/forms/views";
import { viewUnpaidInvoices } from "@/lib/billing/views";
import { auditFilterHref, emailLogHref, readAuditFilters, readEmailLogFilters } from "@/lib/audit/filters";
import { exportAuditCsv, viewAuditLog } from "@/lib/dashboard/admin-logs";
import { parseAuditFilters } from "@/lib/audit/schemas";
import type { AuditAction } from "@/lib/audit/action-list";

const principal = (email: string) => principalFor(email, "test");

async function rowsOf(p: Principal, action: AuditAction) {
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.actorUserId, p.userId), eq(auditLog.action, action)))
    .orderBy(desc(auditLog.id));
}

const query = (href: string) => Object.fromEntries(new URL(href, "http://x").searchParams);

describe("PHI views are audited once, with ids and never values", () => {
  it("the client list writes one profile.list row naming the profiles shown, not the search term", async () => {
    const ana = await principal(DEMO.ana);
    const before = (await rowsOf(ana, "profile.list")).length;
    const { query: q } = readClientListQuery(ana, query(clientListHref(ana, { q: "Jordan" })));
    expect(q.q).toBe("Jordan");
    const { rows } = await viewClientList(ana, q);
    expect(rows.map((r) => r.legalName).sort()).toEqual(["Jordan & Casey Lee", "Jordan Lee"]);
    const after = await rowsOf(ana, "profile.list");
    expect(after.length).toBe(before + 1);
    expect(after[0].detail).toMatchObject({
      searched: true,
      profileIds: expect.arrayContaining([DEMO.profiles.jordan, DEMO.profiles.jordanCasey]),
    });
    expect(JSON.stringify(after[0].detail)).not.toMatch(/jordan/i);
  });

  it("a client's forms page, the review queue and the unpaid invoices each write their row", async () => {
    const ana = await principal(DEMO.ana);
    const forms = (await rowsOf(ana, "forms.list")).length;
    await viewProfileForms(ana, DEMO.profiles.jordan);
    const formRows = await rowsOf(ana, "forms.list");
    expect(formRows.length).toBe(forms + 1);
    expect(formRows[0].profileId).toBe(DEMO.profiles.jordan);

    // Nothing to review yet: nothing shown, nothing logged.
    const queue = (await rowsOf(ana, "forms.review_list")).length;
    const shown = await viewReviewQueue(ana);
    expect((await rowsOf(ana, "forms.review_list")).length).toBe(
      queue + (shown.alerts.length || shown.toReview.length ? 1 : 0),
    );

    const invoices = (await rowsOf(ana, "billing.invoice_list")).length;
    await viewUnpaidInvoices(ana);
    expect((await rowsOf(ana, "billing.invoice_list")).length).toBe(invoices + 1);
  });

  it("the audit log's own view and CSV export record which filters were set, never the typed name", async () => {
    const admin = await principal(DEMO.admin);
    await viewAuditLog(admin, parseAuditFilters({ profile: "Jordan Lee", user: DEMO.ana }));
    const [view] = await rowsOf(admin, "audit.view");
    expect(view.detail).toMatchObject({ filters: ["user", "profile"] });
    await exportAuditCsv(admin, parseAuditFilters({ profile: DEMO.profiles.jordan, user: "ana" }));
    const [exp] = await rowsOf(admin, "audit.export");
    expect(exp.detail).toMatchObject({ filters: ["user", "profile"], profileId: DEMO.profiles.jordan });
    for (const r of [view, exp]) expect(JSON.stringify(r.detail)).not.toMatch(/jordan lee|ana|riverbend/i);
  });
});

describe("sealed filters in admin URLs", () => {
  it("names and emails are sealed for this admin; ids stay readable; anything else is no filter", async () => {
    const admin = await principal(DEMO.admin);
    const href = auditFilterHref(admin, "/admin/audit", {
      user: DEMO.jordan,
      profile: "Jordan Lee",
      action: "profile.view",
    });
    expect(href.toLowerCase()).not.toMatch(/jordan|example/);
    expect(readAuditFilters(admin, query(href))).toMatchObject({
      filters: { user: DEMO.jordan, profile: "Jordan Lee", action: "profile.view" },
      staleSearch: false,
    });

    const byId = auditFilterHref(admin, "/admin/audit", { profile: DEMO.profiles.jordan });
    expect(byId).toBe(`/admin/audit?profile=${DEMO.profiles.jordan}`);
    expect(readAuditFilters(admin, query(byId)).filters.profile).toBe(DEMO.profiles.jordan);

    expect(readAuditFilters(admin, { profile: "Jordan Lee", action: "profile.view" })).toMatchObject({
      filters: { profile: "", action: "profile.view" },
      staleSearch: true,
    });
    // Sealed for another user, or for the other field: no filter.
    const ana = await principal(DEMO.ana);
    expect(
      readAuditFilters(admin, query(auditFilterHref(ana, "/admin/audit", { profile: "Jordan Lee" }))).filters.profile,
    ).toBe("");
    const userToken = query(href).user;
    expect(readAuditFilters(admin, { profile: userToken })).toMatchObject({
      filters: { profile: "" },
      staleSearch: true,
    });

    const emails = emailLogHref(admin, { to: DEMO.jordan, status: "failed", page: 2 });
    expect(emails.toLowerCase()).not.toMatch(/jordan|example|%40/);
    expect(readEmailLogFilters(admin, query(emails))).toEqual({
      filters: { to: DEMO.jordan, status: "failed", page: 2 },
      staleSearch: false,
    });
    expect(readEmailLogFilters(admin, { to: DEMO.jordan }).filters.to).toBe("");
  });
});
