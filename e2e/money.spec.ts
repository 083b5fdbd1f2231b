import type { Page } from "@playwright/test";
import { test, expect, signInAs, cast, type Cast } from "./fixtures";
import { formatDate, todayInZone } from "../lib/core/time";

/**
 * Money that adds up and stays current (docs/decisions.md, Money), as people see it: a draft shows the balance it
 * will have, Send invoice confirms, the client pays part and then the rest and the page updates at once (no
 * reload), each payment has a receipt (portal and staff), statements say what day they are as of, and a guardian's
 * card saved on a minor's profile pays the guardian's own invoice. Test mode; every page is axe-checked.
 */
const today = formatDate(todayInZone(new Date(), "America/Los_Angeles"));
const billing = (c: Cast, key: keyof Cast["profiles"], section = "") =>
  `/dashboard/clients/${c.profiles[key]}/billing${section ? `?section=${section}` : ""}`;

/** Ana records a 90834 ($150.00 at the catalogue's fee) and invoices it; the draft shows its balance; she sends it. */
async function sendInvoice(page: Page, c: Cast, key: keyof Cast["profiles"]): Promise<{ id: string; label: string }> {
  await signInAs(page, c.ana);
  await page.goto(billing(c, key));
  await page.getByLabel("Service code (CPT)").selectOption("90834");
  await page.getByRole("radio", { name: /^11/ }).check();
  await page.getByRole("button", { name: "Record service" }).click();
  await expect(page.getByText("Service recorded.")).toBeVisible();
  await page.getByRole("button", { name: "Create invoice" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Invoice INV-\d{4}: /);
  const label = (await page.getByRole("heading", { level: 1 }).textContent())!.match(/INV-\d{4}/)![0];
  // A draft shows the balance it will ask for once sent, the same as its PDF.
  await expect(page.getByTestId("invoice-balance")).toHaveText("$150.00");
  await page.getByRole("button", { name: "Send invoice" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Invoice sent." })).toBeVisible();
  return { id: new URL(page.url()).pathname.split("/").pop()!, label };
}

async function saveCard(page: Page) {
  await page.goto("/portal/billing/payment-method");
  await page.getByLabel("Card number").fill("4242424242424242");
  await page.getByLabel("Expiry (MM/YY)").fill("12/30");
  await page.getByLabel("Security code").fill("123");
  await page.getByLabel(/I authorize .* to save this card/).check();
  await page.getByRole("button", { name: "Save card" }).click();
  await expect(page.getByText("Your card was saved.")).toBeVisible();
}

test.describe("money", () => {
  // Each test walks several people through several pages: three times the usual time.
  test.slow();

  test("Jordan pays $40 and then the rest: the status and balance change at once, and each payment has a receipt", async ({
    page,
  }) => {
    test.slow(); // several people, each a sign-in: three times the usual minute
    const C = cast("money-partial");
    const { id, label } = await sendInvoice(page, C, "jordan");

    await signInAs(page, C.jordan, { profile: /Jordan Lee\s*Individual/ });
    await saveCard(page);
    await page.goto(`/portal/billing/pay/${id}`);
    await expect(page.getByTestId("invoice-status")).toHaveText("Sent");
    const amount = page.getByLabel("Amount to pay ($)");
    await expect(amount).toHaveValue("150.00");

    // Too little is refused at the field, before anything is charged.
    await amount.fill("0.50");
    await page.getByRole("button", { name: /^Pay / }).click();
    await expect(page.getByText("Pay at least $1.00.")).toBeVisible();
    await expect(amount).toHaveAttribute("aria-invalid", "true");

    await amount.fill("40");
    await page.getByRole("button", { name: "Pay $40.00" }).click();
    // No reload: the page shows the new state as soon as the payment is settled.
    await expect(page.getByTestId("invoice-status")).toHaveText("Partially paid");
    await expect(page.getByTestId("balance-due")).toHaveText("$110.00");
    await expect(page.getByRole("status").filter({ hasText: "Payment of $40.00 received." })).toBeVisible();
    await expect(page.getByLabel("Amount to pay ($)")).toHaveValue("110.00");

    await page.getByRole("link", { name: "View your receipt" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Payment receipt");
    const receipt = page.getByTestId("receipt");
    await expect(receipt.getByTestId("receipt-amount")).toHaveText("$40.00");
    await expect(receipt.getByTestId("receipt-method")).toHaveText("Visa •••• 4242");
    await expect(receipt).toContainText(label);
    await expect(receipt).toContainText("Riverbend Counseling");
    await expect(receipt).toContainText(today);
    await expect(receipt.getByTestId("receipt-balance")).toHaveText("$110.00");

    await page.goto(`/portal/billing/pay/${id}`);
    await page.getByRole("button", { name: "Pay $110.00" }).click();
    await expect(page.getByTestId("invoice-status")).toHaveText("Paid");
    await expect(page.getByTestId("balance-due")).toHaveText("$0.00");
    await expect(page.getByRole("status").filter({ hasText: "This invoice is paid." })).toBeVisible();

    // Billing lists both payments, each with its receipt; the invoice links them too.
    await page.goto("/portal/billing");
    await expect(page.getByTestId("receipt-row")).toHaveCount(2);
    await page.getByRole("link", { name: `View invoice ${label}` }).click();
    await expect(page.getByRole("link", { name: /^Receipt for \$110\.00/ })).toBeVisible();

    // The receipt email links to the receipt page and carries no name, amount or card.
    await page.goto("/dev/mailbox");
    const mail = page.locator("li", { hasText: "Payment received" }).filter({ hasText: C.jordan.email }).first();
    await mail.getByRole("link").click();
    await expect(page.getByRole("link", { name: "View your receipt" })).toHaveAttribute(
      "href",
      /\/portal\/billing\/receipts\/[0-9a-f-]{36}$/,
    );
    for (const phi of ["Jordan", "$", "4242", "90834"]) await expect(page.locator("body")).not.toContainText(phi);

    // Ana sees the same receipt under the client's billing, and makes a statement that says what day it is as of.
    await signInAs(page, C.ana);
    await page.goto(billing(C, "jordan", "invoices"));
    await expect(page.getByRole("link", { name: "Invoices and payments" })).toHaveAttribute("aria-current", "page");
    await page.getByRole("link", { name: /^Receipt for \$40\.00/ }).click();
    await expect(page.getByTestId("receipt-method")).toHaveText("Visa •••• 4242");
    await page.goto(billing(C, "jordan", "statements"));
    await expect(page.getByLabel("As of", { exact: true })).toHaveValue(todayInZone(new Date(), "America/Los_Angeles"));
    await page.getByRole("button", { name: "Create statement" }).click();
    await expect(page.getByText(new RegExp(`as of ${today} · closing balance \\$0\\.00`))).toBeVisible();
  });

  test("a card Pat saved while on Mia's profile pays Pat's own invoice", async ({ page }) => {
    test.slow(); // several people, each a sign-in: three times the usual minute
    const C = cast("money-guardian");
    const { id } = await sendInvoice(page, C, "pat");
    await signInAs(page, C.pat, { profile: /Mia Park/ });
    await saveCard(page);
    await signInAs(page, C.pat, { profile: /Pat Park\s*Individual/ });
    await page.goto(`/portal/billing/pay/${id}`);
    await expect(page.getByRole("radio", { name: /Visa •••• 4242/ })).toBeChecked();
    await page.getByRole("button", { name: "Pay $150.00" }).click();
    await expect(page.getByTestId("invoice-status")).toHaveText("Paid");
  });
});
