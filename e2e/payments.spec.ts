import type { Page, Request } from "@playwright/test";
import { findCardNumbersInRequest } from "../lib/payments/card-scan";
import { test, expect, signInAs, cast, type Cast } from "./fixtures";

/**
 * Card on file and paying invoices in the local test mode (docs/product.md, Payments). Ana invoices Jordan through the staff UI;
 * Jordan adds 4242 4242 4242 4242, sees "Visa •••• 4242" with its expiry, is declined with 4000 0000 0000 0002
 * (invoice unchanged), then pays with the card on file; the invoice shows Paid for Jordan and for Ana. Every page
 * is axe-checked at 360 px by the fixtures. Every request the browser makes is checked for the card number.
 * Each test has its own cast (e2e/cast.ts) and makes the invoice or card it needs, so the tests run in parallel.
 */
/** Fails the test if any request body or URL carries a card number (PCI SAQ A: it never reaches our server). */
function watchForCardNumbers(page: Page) {
  const leaks: string[] = [];
  page.on("request", (req: Request) => {
    const found = findCardNumbersInRequest(`${req.url()} ${req.postData() ?? ""}`);
    if (found.length) leaks.push(`${req.method()} ${req.url()}: ${found.join(", ")}`);
  });
  return leaks;
}

/** Jordan Lee, on his own profile (he has two; the picker chooses). */
const asJordan = (page: Page, c: Cast) => signInAs(page, c.jordan, { profile: /Jordan Lee\s*Individual/ });

/** Ana records a 90834 session for Jordan Lee, invoices and sends it: the staff billing page, as Ana uses it. */
async function sendJordanAnInvoice(page: Page, c: Cast): Promise<{ invoiceId: string; invoiceLabel: string }> {
  await signInAs(page, c.ana);
  await page.goto(`/dashboard/clients/${c.profiles.jordan}/billing`);
  await page.getByLabel("Service code (CPT)").selectOption("90834");
  await page.getByRole("radio", { name: /^11/ }).check();
  await page.getByRole("button", { name: "Record service" }).click();
  await expect(page.getByText("Service recorded.")).toBeVisible();
  await page.getByRole("button", { name: "Create invoice" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Invoice INV-\d{4}: Jordan Lee$/);
  const invoiceLabel = (await page.getByRole("heading", { level: 1 }).textContent())!.match(/INV-\d{4}/)![0];
  await page.getByRole("button", { name: "Send invoice" }).click();
  await expect(page.getByRole("heading", { name: "Record a payment" })).toBeVisible();
  return { invoiceId: new URL(page.url()).pathname.split("/").pop()!, invoiceLabel };
}

/** Jordan saves 4242 4242 4242 4242 (expiry 12/30) as his card on file. */
async function saveJordansCard(page: Page, c: Cast) {
  await asJordan(page, c);
  await page.goto("/portal/billing/payment-method");
  await page.getByLabel("Card number").fill("4242424242424242");
  await page.getByLabel("Expiry (MM/YY)").fill("12/30");
  await page.getByLabel("Security code").fill("123");
  await page.getByLabel(/I authorize Riverbend Counseling to save this card/).check();
  await page.getByRole("button", { name: "Save card" }).click();
  await expect(page.getByText("Your card was saved.")).toBeVisible();
}

test.describe("payments (test mode)", () => {
  test("the card-number watcher catches a number a request carries", async ({ page }) => {
    const leaks = watchForCardNumbers(page);
    // Answered in the browser: the planted numbers never reach the server (whose log the card-data scan reads).
    await page.route("**/planted-card-number**", (route) => route.fulfill({ status: 204 }));
    await page.goto("/");
    await page.evaluate(async () => {
      await fetch("/planted-card-number?n=4242%204242%204242%204242");
      await fetch("/planted-card-number", { method: "POST", body: new URLSearchParams({ n: "4000 0000 0000 0002" }) });
    });
    expect(leaks).toEqual([expect.stringContaining("4242424242424242"), expect.stringContaining("4000000000000002")]);
  });

  test("Ana invoices Jordan Lee through the staff billing page", async ({ page }) => {
    await sendJordanAnInvoice(page, cast("payments-invoice"));
    // No card yet: the staff charge panel says so.
    await expect(page.getByRole("heading", { name: "Charge card on file" })).toBeVisible();
    await expect(page.getByText("This client has no card on file.")).toBeVisible();
  });

  test("Jordan adds 4242 4242 4242 4242 and sees Visa •••• 4242 with its expiry; the number is never sent", async ({
    page,
  }) => {
    const leaks = watchForCardNumbers(page);
    await asJordan(page, cast("payments-add-card"));
    await page.goto("/portal/billing");
    await page.getByRole("link", { name: /Payment method/ }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Payment method" })).toBeVisible();
    await expect(page.getByRole("note", { name: "Test mode" })).toContainText("Test mode");
    await expect(page.getByText("You have no card on file.")).toBeVisible();
    // Without Stripe keys the CSP allows no Stripe origin.
    const res = await page.request.get("/portal/billing/payment-method");
    expect(res.headers()["content-security-policy"]).not.toContain("stripe.com");

    const number = page.getByLabel("Card number");
    // The card inputs have no name, so no form can ever submit them.
    await expect(number).not.toHaveAttribute("name");
    await expect(page.getByLabel("Expiry (MM/YY)")).not.toHaveAttribute("name");
    await expect(page.getByLabel("Security code")).not.toHaveAttribute("name");

    await number.fill("4242424242424242");
    await expect(number).toHaveValue("4242 4242 4242 4242");
    await page.getByLabel("Expiry (MM/YY)").fill("12/30");
    await page.getByLabel("Security code").fill("123");
    // Without the authorisation the card is not saved, and the field says why.
    await page.getByRole("button", { name: "Save card" }).click();
    await expect(page.getByText("Check the box to authorize saving and charging this card.")).toBeVisible();
    await page.getByLabel(/I authorize Riverbend Counseling to save this card/).check();
    await page.getByRole("button", { name: "Save card" }).click();

    await expect(page.getByText("Your card was saved.")).toBeVisible();
    const cards = page.getByRole("list", { name: "Your cards" });
    await expect(cards.getByTestId("card-label")).toHaveText(["Visa •••• 4242"]);
    await expect(cards).toContainText("Expires 12/30");
    await expect(cards).toContainText("Default");
    expect(leaks).toEqual([]);
  });

  test("4000 0000 0000 0002 gives a clear decline message and leaves the invoice unchanged", async ({ page }) => {
    const C = cast("payments-decline");
    const { invoiceLabel } = await sendJordanAnInvoice(page, C);
    const leaks = watchForCardNumbers(page);
    await asJordan(page, C);
    await page.goto("/portal/billing");
    await page.getByRole("link", { name: `Pay invoice ${invoiceLabel}` }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Pay invoice ${invoiceLabel}`);
    await expect(page.getByRole("note", { name: "Test mode" })).toBeVisible();
    await expect(page.getByTestId("invoice-status")).toHaveText("Sent");
    const balance = (await page.getByTestId("balance-due").textContent())!;

    await page.getByRole("radio", { name: "A new card" }).check();
    await page.getByLabel("Card number").fill("4000 0000 0000 0002");
    await page.getByLabel("Expiry (MM/YY)").fill("11/29");
    await page.getByLabel("Security code").fill("321");
    await page.getByRole("button", { name: `Pay ${balance}` }).click();
    await expect(page.getByRole("alert").filter({ hasText: "declined" })).toHaveText(
      /Your card was declined\. Nothing was charged and the invoice is unchanged\./,
    );

    await page.reload();
    await expect(page.getByTestId("invoice-status")).toHaveText("Sent");
    await expect(page.getByTestId("balance-due")).toHaveText(balance);
    expect(leaks).toEqual([]);
  });

  test("Jordan pays with the card on file and the invoice shows Paid for Jordan and for Ana", async ({ page }) => {
    // Ana invoices, Jordan saves a card and pays, Ana checks: four people's steps, more than one minute on a busy machine.
    test.slow();
    const C = cast("payments-pay");
    const { invoiceId, invoiceLabel } = await sendJordanAnInvoice(page, C);
    await saveJordansCard(page, C);
    await page.goto(`/portal/billing/pay/${invoiceId}`);
    const balance = (await page.getByTestId("balance-due").textContent())!;
    await expect(page.getByRole("radio", { name: /Visa •••• 4242/ })).toBeChecked();
    await page.getByRole("button", { name: `Pay ${balance}` }).click();
    // The form confirms, and the page (re-rendered by the action) says the same once the webhook settled it.
    await expect(page.getByRole("status").filter({ hasText: "Payment received. Thank you!" })).toBeVisible();
    await page.reload();
    await expect(page.getByTestId("invoice-status")).toHaveText("Paid");
    await expect(page.getByRole("status").filter({ hasText: "Payment received. Thank you!" })).toBeVisible();

    await page.goto("/portal/billing");
    const row = page.getByTestId("portal-invoice").filter({ hasText: invoiceLabel });
    await expect(row).toContainText("Paid");
    await expect(row.getByRole("link", { name: /Pay invoice/ })).toHaveCount(0);

    // The receipt email names no client, amount or card.
    await page.goto("/dev/mailbox");
    const mail = page.locator("li", { hasText: "Payment received" }).filter({ hasText: C.jordan.email }).first();
    await expect(mail).toBeVisible();
    await mail.getByRole("link").click();
    for (const phi of ["Jordan", balance, "4242", "90834"]) await expect(page.locator("body")).not.toContainText(phi);

    await signInAs(page, C.ana);
    await page.goto(`/dashboard/clients/${C.profiles.jordan}/billing/invoices/${invoiceId}`);
    await expect(page.getByRole("definition").first()).toHaveText("Paid");
    await expect(page.getByRole("heading", { name: "Record a payment" })).toHaveCount(0);
  });

  test("Ana charges Jordan's card on file for a new invoice: it becomes Paid", async ({ page }) => {
    const C = cast("payments-charge");
    await saveJordansCard(page, C);
    await signInAs(page, C.ana);
    await page.goto(`/dashboard/clients/${C.profiles.jordan}/billing`);
    await page.getByLabel("Service code (CPT)").selectOption("90837");
    await page.getByRole("radio", { name: /^11/ }).check();
    await page.getByRole("button", { name: "Record service" }).click();
    await expect(page.getByText("Service recorded.")).toBeVisible();
    await page.getByRole("button", { name: "Create invoice" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Invoice INV-\d{4}: Jordan Lee$/);
    await page.getByRole("button", { name: "Send invoice" }).click();
    await expect(page.getByRole("heading", { name: "Charge card on file" })).toBeVisible();
    await expect(page.getByText(/Default card: Visa •••• 4242, expires 12\/30/)).toBeVisible();
    await page.getByRole("button", { name: "Charge card on file" }).click();
    // Settled: the invoice is Paid, the payment is listed as a card payment and there is nothing left to charge.
    await expect(page.getByRole("definition").first()).toHaveText("Paid");
    await expect(page.getByRole("listitem").filter({ hasText: "(Card on file)" })).toHaveCount(1);
    await expect(page.getByRole("heading", { name: "Charge card on file" })).toHaveCount(0);
  });
});
