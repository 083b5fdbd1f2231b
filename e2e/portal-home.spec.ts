import type { Page } from "@playwright/test";
import { test, expect, signInAs, signInByEmail, cast, type Cast } from "./fixtures";

/**
 * The client's home, the profile switcher and the card form (docs/decisions.md, Client home), as a client on a
 * 360 px phone sees them. Each test has its own cast (e2e/cast.ts); every page is axe-checked by the fixtures.
 */

const PDF = (text: string) =>
  Buffer.from(`%PDF-1.4\n% ${text}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);

/** Ana sends forms to a profile, with a due date. */
async function sendForms(page: Page, profileId: string, titles: string[], dueDate: string) {
  await page.goto(`/dashboard/clients/${profileId}/forms`);
  for (const t of titles) await page.getByLabel(t, { exact: true }).check();
  await page.getByLabel("Due date (optional)").fill(dueDate);
  await page.getByRole("button", { name: "Send forms" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Sent ${titles.length}` })).toBeVisible();
}

/** Ana shares one file with a profile. */
async function share(page: Page, profileId: string, name: string) {
  await page.goto(`/dashboard/clients/${profileId}/documents`);
  await page.getByLabel("Choose files").setInputFiles({ name, mimeType: "application/pdf", buffer: PDF(name) });
  await expect(page.getByRole("list", { name: "Files to share" })).toContainText(name);
  await page.getByRole("button", { name: "Share", exact: true }).click();
  await expect(page.getByText("Shared 1 file. The client has been notified.")).toBeVisible();
}

/** Ana records a 90834 session for a profile, invoices and sends it; returns the invoice's id. */
async function sendInvoice(page: Page, profileId: string): Promise<string> {
  await page.goto(`/dashboard/clients/${profileId}/billing`);
  await page.getByLabel("Service code (CPT)").selectOption("90834");
  await page.getByRole("radio", { name: /^11/ }).check();
  await page.getByRole("button", { name: "Record service" }).click();
  await expect(page.getByText("Service recorded.")).toBeVisible();
  await page.getByRole("button", { name: "Create invoice" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Invoice INV-\d{4}/);
  await page.getByRole("button", { name: "Send invoice" }).click();
  await expect(page.getByRole("heading", { name: "Record a payment" })).toBeVisible();
  return new URL(page.url()).pathname.split("/").pop()!;
}

// Several people change places in each test, on a machine that may be busy: three times the default time.
test.beforeEach(() => test.slow());

const switcherButton = (page: Page) => page.getByRole("button", { name: /Active profile/ });

test("Pat, managing Mia: greeted as Pat, sees Mia's forms with due dates (overdue marked), the balance with Pay, and new files", async ({
  page,
}) => {
  test.setTimeout(300_000);
  const C: Cast = cast("portal-home-pat");
  await signInAs(page, C.ana);
  await sendForms(page, C.profiles.mia, ["PHQ-9"], "2026-11-30");
  await sendForms(page, C.profiles.mia, ["GAD-7"], "2099-01-15");
  await share(page, C.profiles.mia, "first-letter.pdf");
  const invoiceId = await sendInvoice(page, C.profiles.mia);

  await signInAs(page, C.pat, { profile: /Mia Park/ });
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome, Pat Park");
  await expect(page.getByText("Welcome, Mia Park")).toHaveCount(0);
  await expect(page.getByTestId("signed-in-as")).toHaveText("Pat Park — managing Mia Park");

  const forms = page.getByRole("list", { name: "Forms to complete" }).getByTestId("home-form");
  await expect(page.getByTestId("forms-todo-count")).toHaveText("2 forms to complete (1 overdue)");
  // Overdue first, marked, with its due date; then the other with its own.
  await expect(forms.nth(0)).toContainText("PHQ-9");
  await expect(forms.nth(0)).toContainText("Overdue");
  await expect(forms.nth(0)).toContainText("Was due Nov 30, 2026");
  await expect(forms.nth(1)).toContainText("GAD-7");
  await expect(forms.nth(1)).toContainText("Due Jan 15, 2099");
  await expect(forms.nth(1)).not.toContainText("Overdue");

  await expect(page.getByTestId("home-balance-due")).not.toHaveText("$0.00");
  const balance = (await page.getByTestId("home-balance-due").textContent())!;
  const docs = page.getByTestId("home-document");
  await expect(docs.filter({ hasText: "first-letter.pdf" })).toContainText("New");

  await page.getByRole("link", { name: new RegExp(`^Pay \\${balance}`) }).click();
  await expect(page).toHaveURL(new RegExp(`/portal/billing/pay/${invoiceId}$`));

  // The office phone is tap-to-call.
  await page.goto("/portal");
  const phone = page.getByRole("link", { name: "(555) 010-2030" });
  await expect(phone).toHaveAttribute("href", "tel:+15550102030");
});

test("a file shared after Pat's visit is New on his next visit; the ones he saw before are not", async ({ page }) => {
  test.setTimeout(300_000);
  const C: Cast = cast("portal-home-visits");
  await signInAs(page, C.ana);
  await share(page, C.profiles.mia, "first-letter.pdf");
  await signInAs(page, C.pat, { profile: /Mia Park/ });
  const docs = page.getByTestId("home-document");
  await expect(docs.filter({ hasText: "first-letter.pdf" })).toContainText("New"); // a first visit: all new

  await signInAs(page, C.ana);
  await share(page, C.profiles.mia, "second-letter.pdf");
  // Pat's next visit: a new sign-in (a new session).
  await page.context().clearCookies();
  await signInByEmail(page, C.pat.email);
  await page
    .getByRole("list", { name: "Your profiles" })
    .getByRole("button", { name: /Mia Park/ })
    .click();
  await expect(page).toHaveURL(/\/portal$/);
  await expect(page.getByTestId("home-documents-summary")).toContainText("1 new since your last visit");
  await expect(docs.filter({ hasText: "second-letter.pdf" })).toContainText("New");
  await expect(docs.filter({ hasText: "first-letter.pdf" })).not.toContainText("New");
});

test("Jordan on his own profile: greeted by name, empty states say what to expect; the couple profile names both", async ({
  page,
}) => {
  const C = cast("portal-home-jordan");
  await signInAs(page, C.jordan, { profile: /Jordan Lee\s*Individual/ });
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome, Jordan Lee");
  await expect(page.getByTestId("forms-todo-count")).toHaveText("No forms to complete.");
  await expect(page.getByText(/When your clinician sends you a form/)).toBeVisible();
  await expect(page.getByTestId("home-balance-due")).toHaveText("$0.00");
  await expect(page.getByText(/You have nothing to pay/)).toBeVisible();
  await expect(page.getByRole("link", { name: /^Pay/ })).toHaveCount(0);
  await expect(page.getByTestId("home-documents-summary")).toHaveText(/Nothing has been shared with you yet/);

  await switcherButton(page).click();
  await page.getByRole("menuitem", { name: /Switch to Jordan & Casey Lee/ }).click();
  await expect(page.getByTestId("signed-in-as")).toHaveText("Jordan Lee — in the couple profile Jordan & Casey Lee");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome, Jordan Lee");
});

test("the profile switcher is a menu: keyboard only, Escape, outside click, closes after switching and after navigation", async ({
  page,
  a11y,
}) => {
  const C = cast("portal-switcher");
  await signInAs(page, C.pat, { profile: /Pat Park/ });
  const button = switcherButton(page);
  await expect(button).toHaveAttribute("aria-haspopup", "menu");
  await expect(button).toHaveAttribute("aria-expanded", "false");
  await expect(page.getByTestId("active-profile")).toHaveText("Pat Park");

  // Keyboard only: focus the button, open with Enter (focus goes into the menu), arrows move, Escape returns.
  await button.focus();
  await page.keyboard.press("Enter");
  await expect(button).toHaveAttribute("aria-expanded", "true");
  const menu = page.getByRole("menu", { name: "Switch profile" });
  await expect(menu).toBeVisible();
  await expect(menu.getByRole("menuitem").first()).toBeFocused();
  await a11y.check(); // axe with the menu open
  await page.keyboard.press("ArrowDown");
  await expect(menu.getByRole("menuitem", { name: "All profiles" })).toBeFocused();
  await page.keyboard.press("ArrowDown"); // wraps around
  await expect(menu.getByRole("menuitem", { name: /Switch to Mia Park/ })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(menu).toHaveCount(0);
  await expect(button).toBeFocused();
  await expect(button).toHaveAttribute("aria-expanded", "false");

  // Outside click closes.
  await button.click();
  await expect(menu).toBeVisible();
  await page.mouse.click(4, 770); // the page's bottom-left corner, away from the open panel
  await expect(menu).toHaveCount(0);

  // Switching by keyboard: ArrowDown opens on the first item, Enter switches; the menu is closed afterwards.
  await button.focus();
  await page.keyboard.press("ArrowDown");
  await expect(menu.getByRole("menuitem", { name: /Switch to Mia Park/ })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("active-profile")).toHaveText("Mia Park");
  await expect(page.getByTestId("signed-in-as")).toHaveText("Pat Park — managing Mia Park");
  await expect(menu).toHaveCount(0);
  await expect(button).toHaveAttribute("aria-expanded", "false");

  // Switching from another page lands on the home, closed.
  await page.getByRole("navigation", { name: "Portal" }).getByRole("link", { name: "Documents" }).click();
  await expect(page).toHaveURL(/\/portal\/documents$/);
  await button.click();
  await menu.getByRole("menuitem", { name: /Switch to Pat Park/ }).click();
  await expect(page).toHaveURL(/\/portal$/);
  await expect(page.getByTestId("active-profile")).toHaveText("Pat Park");
  await expect(menu).toHaveCount(0);

  // Navigation closes it: open, then go back in history; and the menu's own link.
  await button.click();
  await expect(menu).toBeVisible();
  await page.goBack();
  await expect(page).toHaveURL(/\/portal\/documents$/);
  await expect(menu).toHaveCount(0);
  await button.click();
  await menu.getByRole("menuitem", { name: "All profiles" }).click();
  await expect(page).toHaveURL(/\/portal\/profiles$/);
  await expect(menu).toHaveCount(0);
  await expect(button).toHaveAttribute("aria-expanded", "false");

  // Tab out of the menu closes it.
  await page.goto("/portal");
  await button.click();
  await expect(menu).toBeVisible();
  for (let i = 0; i < 4; i++) await page.keyboard.press("Tab");
  await expect(menu).toHaveCount(0);
});

test("the card form: 1229 typed on a keypad becomes 12/29; after saving, the form is empty and the card is shown", async ({
  page,
}) => {
  const C = cast("portal-card");
  await signInAs(page, C.jordan, { profile: /Jordan Lee\s*Individual/ });
  await page.goto("/portal/billing/payment-method");
  const number = page.getByLabel("Card number");
  const expiry = page.getByLabel("Expiry (MM/YY)");
  const cvc = page.getByLabel("Security code");
  const consent = page.getByLabel(/to save this card/);
  await expect(expiry).toHaveAttribute("inputmode", "numeric");

  // A wrong expiry shows its error at the field; changing the field clears it.
  await number.fill("4242424242424242");
  await expiry.pressSequentially("1329");
  await cvc.fill("123");
  await consent.check();
  await page.getByRole("button", { name: "Save card" }).click();
  await expect(page.getByText("Enter the expiry date as MM/YY, for example 12/29.")).toBeVisible();
  await expect(expiry).toHaveAttribute("aria-invalid", "true");
  await expiry.fill("");
  await expect(page.getByText("Enter the expiry date as MM/YY, for example 12/29.")).toHaveCount(0);
  await expect(expiry).not.toHaveAttribute("aria-invalid", "true");

  // Typed digit by digit, as on a phone's numeric keypad (no "/").
  await expiry.pressSequentially("1229");
  await expect(expiry).toHaveValue("12/29");
  await page.getByRole("button", { name: "Save card" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your card was saved." })).toContainText(
    "Visa •••• 4242, expires 12/29.",
  );
  await expect(page.getByRole("list", { name: "Your cards" })).toContainText("Visa •••• 4242");
  await expect(page.getByRole("list", { name: "Your cards" })).toContainText("12/29");
  // Nothing of the card stays in the form.
  await expect(number).toHaveValue("");
  await expect(expiry).toHaveValue("");
  await expect(cvc).toHaveValue("");
  await expect(consent).not.toBeChecked();

  // "12 / 29" as some people write it is read too.
  await number.fill("5555555555554444");
  await expiry.fill("12 / 29");
  await expect(expiry).toHaveValue("12/29");
});

test("'Drag files here' shows with a mouse and not on a touch screen", async ({ page, browser }) => {
  const C = cast("portal-touch");
  await signInAs(page, C.alex);
  await page.goto("/portal/documents");
  await expect(page.getByTestId("drag-hint")).toBeVisible();

  const phone = await browser.newContext({
    baseURL: test.info().project.use.baseURL,
    viewport: { width: 390, height: 844 },
    hasTouch: true,
    isMobile: true,
    storageState: await page.context().storageState(),
  });
  try {
    const p = await phone.newPage();
    await p.goto("/portal/documents");
    await expect(p.getByText("Take a photo")).toBeVisible();
    await expect(p.getByTestId("drag-hint")).toBeHidden();
  } finally {
    await phone.close();
  }
});
