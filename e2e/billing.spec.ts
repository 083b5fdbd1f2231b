import fs from "node:fs/promises";
import type { Page } from "@playwright/test";
import { extractText } from "unpdf";
import { test, expect, signInAs, cast } from "./fixtures";

/**
 * Billing (docs/product.md, Billing): services → invoice → sent → the client sees it and downloads the PDF; superbill completeness;
 * a couple partner cannot reach the other partner's individual invoice. Every page is axe-checked at 360 px.
 * Each test has its own cast (e2e/cast.ts), so the tests run in parallel and alone.
 */
const billingPage = (profileId: string, section?: "services" | "invoices" | "statements" | "superbills") =>
  `/dashboard/clients/${profileId}/billing${section ? `?section=${section}` : ""}`;

async function recordService(page: Page, s: { cpt: string; modifiers?: string; pos: RegExp }) {
  const services = page.getByRole("region", { name: "Services rendered" }).getByRole("row");
  const before = await services.count();
  await page.getByLabel("Service code (CPT)").selectOption(s.cpt);
  await page.getByLabel("Modifiers").fill(s.modifiers ?? "");
  await page.getByRole("radio", { name: s.pos }).check();
  await page.getByRole("button", { name: "Record service" }).click();
  // One header row plus one row per service.
  await expect(services).toHaveCount(Math.max(before, 1) + 1);
}

async function pdfText(page: Page, link: ReturnType<Page["getByRole"]>): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect(download.suggestedFilename()).toMatch(/\.pdf$/);
  const bytes = await fs.readFile((await download.path())!);
  const { text } = await extractText(new Uint8Array(bytes), { mergePages: true });
  return text;
}

test.describe("billing", () => {
  test("Ana records three services for Jordan Lee, invoices and sends them; Jordan sees the balance and downloads the PDF", async ({
    page,
  }) => {
    test.slow(); // several people, each a sign-in: three times the usual minute
    const C = cast("billing-invoice");
    await signInAs(page, C.ana);
    await page.goto(billingPage(C.profiles.jordan));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Billing: Jordan Lee");
    // The place-of-service choice explains 02 versus 10.
    await expect(page.getByText("while the client is somewhere other than their home")).toBeVisible();
    await expect(page.getByText("while the client is in their own home")).toBeVisible();

    await recordService(page, { cpt: "90791", pos: /^11/ });
    await recordService(page, { cpt: "90834", modifiers: "95", pos: /^10/ });
    await recordService(page, { cpt: "90837", modifiers: "95", pos: /^02/ });

    await page.getByRole("button", { name: "Create invoice" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Invoice INV-\d{4}: Jordan Lee$/);
    // 200.00 + 150.00 + 180.00 at the catalogue's default fees.
    await expect(page.getByTestId("invoice-total")).toHaveText("$530.00");
    await page.getByRole("button", { name: "Send invoice" }).click();
    await expect(page.getByText("Sent", { exact: true })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Record a payment" })).toBeVisible();

    // Jordan has two profiles and lands on the picker.
    await signInAs(page, C.jordan);
    await expect(page).toHaveURL(/\/portal\/profiles$/);
    await page.getByRole("button", { name: /Jordan Lee\s*Individual/ }).click();
    await page.waitForURL(/\/portal$/);
    await page.reload();
    await page.getByRole("navigation", { name: "Portal" }).getByRole("link", { name: "Billing" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Billing" })).toBeVisible();
    await expect(page.getByTestId("portal-balance-due")).toHaveText("$530.00");
    const row = page.getByTestId("portal-invoice").first();
    await expect(row).toContainText("Sent");
    await expect(row).toContainText("Balance due $530.00");

    const text = await pdfText(page, row.getByRole("link", { name: /Download PDF of invoice/ }));
    for (const needle of ["90791", "90834", "90837", "$530.00", "Riverbend Counseling", "Jordan Lee"])
      expect(text).toContain(needle);

    await row.getByRole("link", { name: /View invoice/ }).click();
    await expect(page.getByTestId("invoice-balance")).toHaveText("$530.00");

    // The notice email has no amounts and no PHI.
    await page.goto("/dev/mailbox");
    const mail = page
      .locator("li", { hasText: "A billing document is available" })
      .filter({ hasText: C.jordan.email })
      .first();
    await expect(mail).toBeVisible();
    await mail.getByRole("link").click();
    await expect(page.locator("body")).not.toContainText("530");
    await expect(page.locator("body")).not.toContainText("Jordan");
  });

  test("Casey sees the couple profile's invoice and gets 404 for Jordan's individual one", async ({ page }) => {
    test.slow(); // several people, each a sign-in: three times the usual minute
    const C = cast("billing-couple");
    await signInAs(page, C.ana);
    // Jordan's individual invoice, sent: the one Casey must not reach.
    await page.goto(billingPage(C.profiles.jordan));
    await recordService(page, { cpt: "90834", pos: /^11/ });
    await page.getByRole("button", { name: "Create invoice" }).click();
    await page.getByRole("button", { name: "Send invoice" }).click();
    await expect(page.getByText("Sent", { exact: true })).toBeVisible();
    const jordanInvoiceUrl = `/portal/billing/invoices/${new URL(page.url()).pathname.split("/").pop()}`;

    await page.goto(billingPage(C.profiles.jordanCasey));
    await recordService(page, { cpt: "90847", pos: /^11/ });
    await page.getByRole("button", { name: "Create invoice" }).click();
    await page.getByRole("button", { name: "Send invoice" }).click();
    await expect(page.getByText("Sent", { exact: true })).toBeVisible();
    // Casey pays $50 in cash at the office.
    await page.getByLabel("Amount ($)").fill("50");
    await page.getByRole("button", { name: "Record payment" }).click();
    await expect(page.getByText("Partially paid", { exact: true })).toBeVisible();
    await expect(page.getByTestId("invoice-balance")).toHaveText("$120.00");
    // A statement for this month, sent to the couple.
    await page.goto(billingPage(C.profiles.jordanCasey, "statements"));
    await page.getByRole("button", { name: "Create statement" }).click();
    await page.getByRole("button", { name: "Send statement to client" }).click();
    await expect(page.getByText(/closing balance \$120\.00 · Sent/)).toBeVisible();

    await signInAs(page, C.casey);
    await page.goto("/portal/billing");
    await expect(page.getByTestId("portal-invoice")).toHaveCount(1);
    await expect(page.getByTestId("portal-invoice")).toContainText("Partially paid");
    await expect(page.getByTestId("portal-invoice")).toContainText("Balance due $120.00");
    await page.getByRole("link", { name: /View statement for/ }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Statement" })).toBeVisible();
    await expect(page.getByText("Closing balance")).toBeVisible();
    const statementText = await pdfText(page, page.getByRole("link", { name: "Download PDF" }));
    for (const needle of ["Opening balance", "Closing balance", "$120.00", "90847"])
      expect(statementText).toContain(needle);

    const res = await page.goto(jordanInvoiceUrl);
    expect(res?.status()).toBe(404);
    const pdf = await page.request.get(`/api/billing/invoices/${jordanInvoiceUrl.split("/").pop()}/pdf`);
    expect(pdf.status()).toBe(404);
  });

  test("a superbill without a diagnosis is blocked and names it; after adding F41.1 its PDF holds every field", async ({
    page,
  }) => {
    test.slow(); // several people, each a sign-in: three times the usual minute
    const C = cast("billing-superbill");
    await signInAs(page, C.ana);
    await page.goto(billingPage(C.profiles.pat, "superbills"));
    // Pat's insurance card arrived: the member ID is on file, the diagnosis is not.
    await page.getByLabel("Insurance member ID").fill("PPK-20931");
    await page.getByRole("button", { name: "Save billing details" }).click();
    await expect(page.getByText("Billing details saved.")).toBeVisible();
    await page.getByRole("navigation", { name: "Billing sections" }).getByRole("link", { name: "Services" }).click();
    await recordService(page, { cpt: "90837", modifiers: "95", pos: /^10/ });
    await page.getByRole("navigation", { name: "Billing sections" }).getByRole("link", { name: "Superbills" }).click();

    await page.getByRole("button", { name: "Generate superbill" }).click();
    const blocked = page.getByRole("alert").filter({ hasText: "can't be generated" });
    await expect(blocked).toContainText("diagnosis");
    await expect(page.getByRole("button", { name: "Send superbill to client" })).toHaveCount(0);

    await page.getByLabel("Diagnosis codes (ICD-10)").fill("F41.1");
    await page.getByRole("button", { name: "Save billing details" }).click();
    await expect(page.getByLabel("Diagnosis codes (ICD-10)")).toHaveValue("F41.1");
    await page.getByRole("button", { name: "Generate superbill" }).click();
    await expect(page.getByText("Superbill generated.")).toBeVisible();

    const text = await pdfText(page, page.getByRole("link", { name: "Download superbill PDF" }));
    for (const needle of [
      "1245319599",
      "93-1234567",
      "Sep 30, 1982",
      "F41.1",
      "90837",
      "PPK-20931",
      `${C.ana.name}, LCSW`,
      "Place of service",
    ])
      expect(text).toContain(needle);
    expect(text).toMatch(/90837\s+95\s+10\s+F41\.1/);

    await page.getByRole("button", { name: "Send superbill to client" }).click();
    await expect(page.getByText(/· Sent$/)).toBeVisible();

    await signInAs(page, C.pat);
    await expect(page).toHaveURL(/\/portal\/profiles$/);
    await page.getByRole("button", { name: /Pat Park\s*Individual/ }).click();
    await page.waitForURL(/\/portal$/);
    await page.goto("/portal/billing");
    await expect(page.getByRole("link", { name: /Download superbill for/ })).toBeVisible();
    await page.getByRole("link", { name: /View superbill for/ }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Superbill" })).toBeVisible();
    await expect(page.getByRole("cell", { name: "F41.1" })).toBeVisible();
  });

  test("the admin edits a service code's default fee", async ({ page }) => {
    await signInAs(page, cast("billing-fees").admin);
    await page.goto("/admin/billing");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Billing: service codes");
    // The catalogue is shared by every cast: 90832 is a code no other spec records, so no invoice total moves.
    await page.getByLabel("Default fee for 90832 ($)").fill("95.00");
    await page.getByRole("button", { name: "Save 90832" }).click();
    // Wait for the action to finish before reloading (a reload first would cancel it on a busy machine).
    await expect(page.getByText("Saved.", { exact: true })).toBeVisible();
    await page.reload();
    await expect(page.getByLabel("Default fee for 90832 ($)")).toHaveValue("95.00");
  });
});
