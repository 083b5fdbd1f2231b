import fs from "node:fs";
import path from "node:path";
import type { Locator, Page } from "@playwright/test";
import { enterTotpCode, expect, landed } from "./fixtures";
import { totpSecretFor } from "./cast";

/**
 * Shared steps of the journeys (e2e/journey-*.spec.ts): a person walks every page of their part of Haven by
 * clicking, at a phone's and a desktop's width. On each page: axe, no sideways scrolling, a full-page screenshot
 * in e2e/screenshots/<person>-<page>-<width>.png. docs/decisions.md "Demo seed and journeys".
 */
export const WIDTHS = [390, 1280] as const;
export const viewportFor = (width: number) => ({ width, height: width < 800 ? 844 : 900 });

const SHOTS = path.join(__dirname, "screenshots");

export type Walk = { page: Page; person: string; width: number; a11y: { check: () => Promise<void> } };

/**
 * A journey's budget is long (many pages, axe on each), so a step that finds nothing must fail on its own within
 * a minute instead of waiting for the whole budget.
 */
export const STEP_TIMEOUT_MS = 60_000;

/** Waits for the page to settle, then checks it and saves its screenshot. */
export async function visit(w: Walk, name: string, heading: RegExp | string): Promise<void> {
  await expect(w.page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
  await w.page.waitForLoadState("load");
  await w.a11y.check();
  const { scrollWidth, innerWidth } = await w.page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth, `${name} at ${w.width}px scrolls sideways`).toBeLessThanOrEqual(innerWidth);
  fs.mkdirSync(SHOTS, { recursive: true });
  await w.page.screenshot({ path: path.join(SHOTS, `${w.person}-${name}-${w.width}.png`), fullPage: true });
}

/**
 * Clicks the first of several ways to the same place that the page offers (a link in the main navigation, or the
 * link a page shows), so the walk goes by navigation only and survives a link moving between menus.
 */
export async function follow(page: Page, ...ways: Locator[]): Promise<void> {
  let any = ways[0];
  for (const w of ways.slice(1)) any = any.or(w);
  await any.first().click();
}

/** A link in the site's main navigation (the header's menu on phones may need opening first). */
export async function navTo(page: Page, name: string | RegExp): Promise<void> {
  const nav = page
    .getByRole("navigation")
    .getByRole("link", { name, exact: typeof name === "string" })
    .first();
  if (!(await nav.isVisible())) {
    const menu = page.getByRole("button", { name: /^(menu|open menu|navigation)$/i });
    if (await menu.isVisible()) await menu.click();
  }
  await nav.click();
}

/** A link in the client's section navigation (Overview, Forms, Documents, Billing) on a staff client page. */
function section(page: Page, name: string): Locator {
  return page.getByRole("navigation", { name: /client sections/i }).getByRole("link", { name, exact: true });
}

/**
 * The clinician's pages of one client, from the client's overview: forms (with the measures over time), one
 * submitted response, documents, billing and one invoice. Used by the clinician's and the admin's journeys.
 */
export async function walkClientPages(w: Walk, clientName: string): Promise<void> {
  const { page } = w;
  await visit(w, "client", clientName);
  await section(page, "Forms").click();
  await visit(w, "client-forms", /Forms/);
  await expect(page.getByRole("table", { name: /PHQ-9 scores/ })).toBeVisible();
  await page
    .getByRole("region", { name: "Sent forms" })
    .getByRole("link", { name: "GAD-7", exact: true })
    .first()
    .click();
  await visit(w, "response", "GAD-7");
  await section(page, "Documents").click();
  await visit(w, "client-documents", /Documents/);
  await section(page, "Billing").click();
  await visit(w, "client-billing", /Billing/);
  // The billing page is in sections; invoices are under "Invoices and payments".
  await page.getByRole("link", { name: "Invoices and payments", exact: true }).click();
  await visit(w, "client-billing-invoices", /Billing/);
  await page
    .getByRole("link", { name: /^INV-\d{4}$/ })
    .first()
    .click();
  await visit(w, "client-invoice", /Invoice INV-\d{4}/);
}

/** From the staff home: the form templates and the unpaid invoices, wherever the navigation puts them. */
export async function walkPracticeLists(w: Walk, home: () => Promise<void>): Promise<void> {
  const { page } = w;
  await home();
  await follow(
    page,
    page.getByRole("navigation").getByRole("link", { name: /^Forms$|^Form templates$/ }),
    page.getByRole("link", { name: "Form templates" }),
  );
  await visit(w, "form-templates", "Form templates");
  await home();
  await follow(
    page,
    page.getByRole("navigation").getByRole("link", { name: "Invoices", exact: true }),
    page.getByRole("link", { name: /^Unpaid invoices/ }),
  );
  await visit(w, "invoices", /invoices/i);
  await expect(page.getByRole("link", { name: /INV-\d{4}/ }).first()).toBeVisible();
}

/**
 * Signs in as a newcomer would: the sign-in page, "Email Me a Link", the dev mailbox, the emailed link, Sign In.
 * The only two `page.goto` calls of a journey (the start and the mailbox link). Patient: on a busy machine the
 * mailbox's delivery and each page load (with axe after it) take seconds.
 */
export async function signInFromMailbox(page: Page, email: string): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Email Me a Link" }).click();
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible({ timeout: 30_000 });
  const item = page
    .locator("li", { has: page.getByTestId("mail-to").filter({ hasText: email }) })
    .filter({ hasText: /sign-in link/i })
    .first();
  await expect(async () => {
    await page.goto("/dev/mailbox");
    await expect(item).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 90_000 });
  await item.getByRole("link").click();
  const href = await page
    .getByRole("link", { name: /^sign in$/i })
    .first()
    .getAttribute("href", { timeout: 60_000 });
  expect(href).toBeTruthy();
  await page.goto(href!);
  await page.getByRole("button", { name: "Sign In" }).click();
  await page.waitForURL(landed, { timeout: 30_000 });
  // Staff then confirm with their authenticator app (the cast's staff have one: e2e/cast.ts totpSecretFor).
  if (new URL(page.url()).pathname === "/sign-in/second-factor") {
    await enterTotpCode(page, totpSecretFor(email));
    await page.waitForURL((u) => !u.pathname.startsWith("/sign-in"), { timeout: 30_000 });
  }
}
