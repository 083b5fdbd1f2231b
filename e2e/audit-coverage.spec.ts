import type { Page } from "@playwright/test";
import { test, expect, signInAs, cast } from "./fixtures";

/**
 * docs/product.md, Audit: every view or download of PHI is in the log, once per request, with the profile. Ana and
 * Jordan open every PHI page and file of Jordan Lee's record; the admin then filters /admin/audit and finds
 * exactly one new row per visit (counted against a baseline taken just before the visits). The spec has its own
 * cast (e2e/cast.ts), and every count is filtered by that cast's person and profile, so tests running in
 * parallel cannot add rows to what it counts.
 */
const C = cast("audit-coverage");
const ADMIN = C.admin.email;
const ANA = C.ana.email;
const JORDAN = C.jordan.email;
const JORDAN_LEE = C.profiles.jordan;

const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

async function recordService(page: Page) {
  const services = page.getByRole("region", { name: "Services rendered" }).getByRole("row");
  const before = await services.count();
  await page.getByLabel("Service code (CPT)").selectOption("90834");
  await page.getByRole("radio", { name: /^11/ }).check();
  await page.getByRole("button", { name: "Record service" }).click();
  await expect(services).toHaveCount(Math.max(before, 1) + 1);
}

/** Presses the first of the billing page's send buttons and waits until that document is sent (its button goes). */
async function sendOne(page: Page, name: string) {
  const buttons = page.getByRole("button", { name });
  await expect(buttons.first()).toBeVisible();
  const n = await buttons.count();
  await buttons.first().click();
  await expect(buttons).toHaveCount(n - 1);
}

/** A file or PDF fetched with the signed-in session, as the browser's download link would. */
async function download(page: Page, url: string) {
  const res = await page.request.get(url);
  expect(res.status(), url).toBe(200);
  expect(res.headers()["content-disposition"] ?? "", url).toMatch(/^attachment/);
}

type Check = { who: "ana" | "jordan"; action: string; profile: boolean; times: number; page: string };

test("every PHI page and download Ana and Jordan open is in the audit log once, with the profile", async ({ page }) => {
  test.setTimeout(420_000); // three people, about sixty page loads, each checked with axe

  // --- Set-up: a submitted PHQ-9, a shared document, a sent invoice, statement and superbill for Jordan Lee.
  await signInAs(page, C.ana);
  await page.goto(`/dashboard/clients/${JORDAN_LEE}/forms`);
  await page.getByLabel("PHQ-9", { exact: true }).check();
  await page.getByRole("button", { name: "Send forms" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Sent 1" })).toBeVisible();

  await page.goto(`/dashboard/clients/${JORDAN_LEE}/documents`);
  await page
    .getByLabel("Choose files")
    .setInputFiles({ name: "audit-coverage.pdf", mimeType: "application/pdf", buffer: PDF });
  await page.getByRole("button", { name: "Share", exact: true }).click();
  await expect(page.getByText("Shared 1 file. The client has been notified.")).toBeVisible();
  const fileHref = await page.getByRole("link", { name: "Download audit-coverage.pdf" }).first().getAttribute("href");
  expect(fileHref).toMatch(/^\/api\/files\/[0-9a-f-]{36}$/);

  const billing = `/dashboard/clients/${JORDAN_LEE}/billing`;
  await page.goto(billing);
  await recordService(page);
  await page.getByRole("button", { name: "Create invoice" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Invoice INV-\d{4}: Jordan Lee$/);
  await page.getByRole("button", { name: "Send invoice" }).click();
  await expect(page.getByText("Sent", { exact: true })).toBeVisible();
  await expect(page).toHaveURL(/\/invoices\/[0-9a-f-]{36}\?sent=1$/);
  const invoiceId = new URL(page.url()).pathname.split("/").pop()!;
  await page.goto(`${billing}?section=statements`);
  await page.getByRole("button", { name: "Create statement" }).click();
  await sendOne(page, "Send statement to client");
  await page.goto(`${billing}?section=superbills`);
  await page.getByRole("button", { name: "Generate superbill" }).click();
  await expect(page.getByText("Superbill generated.")).toBeVisible();
  await sendOne(page, "Send superbill to client");

  // Jordan has two profiles and has not chosen one yet: the picker. The choice stays on his session (server-side).
  await signInAs(page, C.jordan);
  await expect(page).toHaveURL(/\/portal\/profiles$/);
  await page.getByRole("button", { name: /Jordan Lee\s*Individual/ }).click();
  await page.waitForURL(/\/portal$/);
  await page.goto("/portal/forms");
  await page.getByRole("link", { name: "PHQ-9", exact: true }).first().click();
  await page.waitForURL(/\/portal\/forms\/[0-9a-f-]{36}$/);
  const responseId = new URL(page.url()).pathname.split("/").pop()!;
  for (let i = 1; i <= 9; i++) {
    if (i === 6) await page.getByRole("button", { name: "Next" }).click();
    await page
      .getByRole("group", { name: new RegExp(`^${i}\\. `) })
      .getByLabel("Not at all")
      .check();
  }
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(page.getByRole("status").filter({ hasText: "can no longer be changed" })).toBeVisible();
  await page.goto("/portal/billing");
  const statementHref = await page
    .getByRole("link", { name: /View statement for/ })
    .first()
    .getAttribute("href");
  const superbillHref = await page
    .getByRole("link", { name: /View superbill for/ })
    .first()
    .getAttribute("href");
  expect(statementHref).toMatch(/^\/portal\/billing\/statements\/[0-9a-f-]{36}$/);
  expect(superbillHref).toMatch(/^\/portal\/billing\/superbills\/[0-9a-f-]{36}$/);
  const statementId = statementHref!.split("/").pop()!;

  // --- The checks: one row per visit below, by that person, for Jordan Lee's profile where there is one.
  const checks: Check[] = [
    { who: "ana", action: "forms.review_list", profile: false, times: 1, page: "/dashboard" },
    { who: "ana", action: "profile.list", profile: false, times: 1, page: "/dashboard/clients" },
    { who: "ana", action: "profile.view", profile: true, times: 2, page: "client overview and edit" },
    { who: "ana", action: "forms.list", profile: true, times: 1, page: "client forms with scores" },
    { who: "ana", action: "forms.response_view", profile: true, times: 1, page: "response" },
    { who: "ana", action: "forms.response_pdf", profile: true, times: 1, page: "response PDF" },
    { who: "ana", action: "document.list", profile: true, times: 1, page: "client documents" },
    { who: "ana", action: "document.download", profile: true, times: 1, page: "file download" },
    { who: "ana", action: "billing.view", profile: true, times: 1, page: "client billing" },
    { who: "ana", action: "billing.invoice_viewed", profile: true, times: 1, page: "invoice" },
    { who: "ana", action: "billing.document_downloaded", profile: true, times: 1, page: "invoice PDF" },
    { who: "ana", action: "billing.invoice_list", profile: false, times: 1, page: "/dashboard/invoices" },
    { who: "jordan", action: "forms.list", profile: true, times: 1, page: "/portal/forms" },
    { who: "jordan", action: "forms.response_view", profile: true, times: 1, page: "portal response" },
    { who: "jordan", action: "forms.response_pdf", profile: true, times: 1, page: "portal response PDF" },
    { who: "jordan", action: "document.list", profile: true, times: 1, page: "/portal/documents" },
    { who: "jordan", action: "document.download", profile: true, times: 1, page: "portal file download" },
    { who: "jordan", action: "billing.view", profile: true, times: 1, page: "/portal/billing" },
    { who: "jordan", action: "billing.invoice_viewed", profile: true, times: 2, page: "portal invoice and pay page" },
    { who: "jordan", action: "billing.statement_viewed", profile: true, times: 1, page: "portal statement" },
    { who: "jordan", action: "billing.superbill_viewed", profile: true, times: 1, page: "portal superbill" },
    { who: "jordan", action: "billing.document_downloaded", profile: true, times: 1, page: "statement PDF" },
    { who: "jordan", action: "payment.card_view", profile: true, times: 1, page: "/portal/billing/payment-method" },
  ];

  // --- The admin's baseline. Free-text filters are sealed into the URL; the address itself never appears there.
  await signInAs(page, C.admin);
  const userToken: Record<Check["who"] | "admin", string> = { ana: "", jordan: "", admin: "" };
  for (const [who, email] of [
    ["ana", ANA],
    ["jordan", JORDAN],
    ["admin", ADMIN],
  ] as const) {
    await page.goto("/admin/audit");
    await page.getByLabel("User (email)").fill(email);
    await page.getByRole("button", { name: "Filter" }).click();
    await page.waitForURL(/[?&]user=/);
    expect(page.url().toLowerCase()).not.toContain(email.split("@")[0]);
    expect(page.url()).not.toContain("%40");
    userToken[who] = new URL(page.url()).searchParams.get("user")!;
  }
  const count = async (c: Check) => {
    const q = new URLSearchParams({ user: userToken[c.who], action: c.action });
    if (c.profile) q.set("profile", JORDAN_LEE);
    await page.goto(`/admin/audit?${q}`);
    await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Older" }), "all matching rows fit on one page").toHaveCount(0);
    return page.getByTestId("audit-row").count();
  };
  const before = new Map<Check, number>();
  for (const c of checks) before.set(c, await count(c));

  // --- Ana opens every PHI page of Jordan Lee's record, once each.
  await signInAs(page, C.ana);
  await expect(page.getByRole("link", { name: "Jordan Lee: PHQ-9" }).first()).toBeVisible();
  await page.goto("/dashboard/clients");
  await expect(page.getByRole("link", { name: "Jordan Lee", exact: true })).toBeVisible();
  await page.goto(`/dashboard/clients/${JORDAN_LEE}`);
  await expect(page.getByRole("heading", { level: 1, name: "Jordan Lee" })).toBeVisible();
  await page.goto(`/dashboard/clients/${JORDAN_LEE}/edit`);
  await page.goto(`/dashboard/clients/${JORDAN_LEE}/forms`);
  await expect(page.getByRole("heading", { level: 1, name: "Forms: Jordan Lee" })).toBeVisible();
  await page.goto(`/dashboard/clients/${JORDAN_LEE}/forms/${responseId}`);
  await download(page, `/api/forms/responses/${responseId}/pdf`);
  await page.goto(`/dashboard/clients/${JORDAN_LEE}/documents`);
  await download(page, fileHref!);
  await page.goto(billing);
  await page.goto(`${billing}/invoices/${invoiceId}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Invoice INV-\d{4}: Jordan Lee$/);
  await download(page, `/api/billing/invoices/${invoiceId}/pdf`);
  await page.goto("/dashboard/invoices");

  // --- Jordan, on his own profile (still his session's choice), opens his.
  await signInAs(page, C.jordan, { profile: /Jordan Lee\s*Individual/ });
  await page.goto("/portal/forms");
  await page.goto(`/portal/forms/${responseId}`);
  await download(page, `/api/forms/responses/${responseId}/pdf`);
  await page.goto("/portal/documents");
  await download(page, fileHref!);
  await page.goto("/portal/billing");
  await page.goto(`/portal/billing/invoices/${invoiceId}`);
  await page.goto(`/portal/billing/pay/${invoiceId}`);
  await page.goto(statementHref!);
  await page.goto(superbillHref!);
  await download(page, `/api/billing/statements/${statementId}/pdf`);
  await page.goto("/portal/billing/payment-method");

  // --- The admin finds exactly one new row per visit.
  await signInAs(page, C.admin);
  const missing: string[] = [];
  for (const c of checks) {
    const delta = (await count(c)) - before.get(c)!;
    if (delta !== c.times) missing.push(`${c.who} ${c.action} (${c.page}): ${delta} new rows, expected ${c.times}`);
    else if (c.profile) await expect(page.getByTestId("audit-row").first()).toContainText("Jordan Lee");
  }
  expect(missing).toEqual([]);

  // Viewing the logs is itself audited (they show clients' names and email addresses).
  await page.goto("/admin/emails");
  // Filtered by this cast's admin: another spec's admin may be reading the logs at the same moment.
  await page.goto(`/admin/audit?${new URLSearchParams({ user: userToken.admin, action: "email_log.view" })}`);
  await expect(page.getByTestId("audit-row").first()).toContainText(ADMIN);
  await page.goto(`/admin/audit?${new URLSearchParams({ user: userToken.admin, action: "audit.view" })}`);
  await expect(page.getByTestId("audit-row").first()).toContainText(ADMIN);
});
