import { test, expect, signInAs, cast } from "./fixtures";
import type { Page } from "@playwright/test";

const PRACTICE = "Riverbend Counseling";

// Each test signs in two or three people and walks several pages; give a loaded machine room.
test.describe.configure({ timeout: 180_000 });

/** Clicks a link in the staff navigation and checks where it lands: heading, tab title and the marked link. */
async function go(page: Page, nav: string, link: string, heading: string | RegExp, title: string) {
  await page.getByRole("navigation", { name: nav }).getByRole("link", { name: link, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
  await expect(page).toHaveTitle(`${title} · ${PRACTICE}`);
  await expect(
    page.getByRole("navigation", { name: nav }).getByRole("link", { name: link, exact: true }),
  ).toHaveAttribute("aria-current", "page");
}

test("a clinician reaches Clients, Forms and Invoices from the one staff navigation, on a phone", async ({ page }) => {
  const C = cast("polish-nav");
  await signInAs(page, C.ana);
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page).toHaveTitle(`Dashboard · ${PRACTICE}`);
  const nav = page.getByRole("navigation", { name: "Staff" });
  await expect(nav.getByRole("link")).toHaveText([
    "Home",
    "Clients",
    "Calendar",
    "Messages",
    "Forms",
    "Invoices",
    "Security",
  ]);
  await go(page, "Staff", "Clients", "Clients", "Clients");
  await go(page, "Staff", "Forms", "Form templates", "Form templates");
  await go(page, "Staff", "Invoices", "Unpaid invoices", "Unpaid invoices");
  await go(page, "Staff", "Home", /^Welcome/, "Dashboard");
  // No sideways scrolling at 360 px (the a11y fixture checks every page visited, too).
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
});

test("an admin has the same navigation plus Admin, and gets back to the dashboard's alerts and to-dos", async ({
  page,
}) => {
  const C = cast("polish-admin");
  await page.setViewportSize({ width: 1280, height: 800 });
  await signInAs(page, C.admin);
  await expect(page).toHaveURL(/\/admin$/);
  const nav = page.getByRole("navigation", { name: "Staff" });
  await expect(nav.getByRole("link")).toHaveText([
    "Home",
    "Clients",
    "Calendar",
    "Messages",
    "Forms",
    "Invoices",
    "Admin",
    "Security",
  ]);
  await expect(nav.getByRole("link", { name: "Admin" })).toHaveAttribute("aria-current", "page");
  await go(page, "Administration", "Settings", "Practice settings", "Practice settings");
  await go(page, "Administration", "Staff", "Staff", "Staff");
  await go(page, "Administration", "Audit log", "Audit log", "Audit log");
  await go(page, "Administration", "Email log", "Email log", "Email log");
  await go(page, "Staff", "Home", /^Welcome/, "Dashboard");
  await expect(page.getByRole("navigation", { name: "Administration" })).toHaveCount(0);
  await go(page, "Staff", "Clients", "Clients", "Clients");
  await go(page, "Staff", "Forms", "Form templates", "Form templates");
  await go(page, "Staff", "Invoices", "Unpaid invoices", "Unpaid invoices");
  await go(page, "Staff", "Admin", "Practice administration", "Admin");
});

test("the staff list counts each clinician's clients and agrees with the staff page on status", async ({ page }) => {
  const C = cast("polish-staff");
  await signInAs(page, C.admin);
  await page.goto("/admin/staff");
  const ana = page.getByTestId("staff-row").filter({ hasText: C.ana.email });
  // Ana treats Jordan, Jordan & Casey, Pat and Mia in every cast.
  await expect(ana.getByTestId("staff-clients")).toHaveText("4 active clients");
  const listed = await ana.getByTestId("staff-status").textContent();
  await ana.getByRole("link").click();
  await expect(page).toHaveURL(/\/admin\/staff\/[^/?]+$/);
  await expect(page.getByTestId("staff-status")).toHaveText(listed!);
});

test("the audit log says what happened in plain words, with the codes only under Details", async ({ page }) => {
  test.slow(); // several people, each a sign-in: three times the usual minute
  const C = cast("polish-audit");
  await signInAs(page, C.ana);
  await page.goto(`/dashboard/clients/${C.profiles.jordan}/forms`);
  await expect(page.getByRole("heading", { level: 1, name: "Forms: Jordan Lee" })).toBeVisible();

  await signInAs(page, C.admin);
  await page.goto("/admin/audit");
  await page.getByLabel("User (email)").fill(C.ana.email);
  await page.getByLabel("Action").selectOption("forms.list");
  await page.getByRole("button", { name: "Filter" }).click();
  const row = page.getByTestId("audit-row").first();
  await expect(row.locator("p").first()).toHaveText(`${C.ana.name} viewed Jordan Lee's forms`);
  // The code, the address and the ids are there on demand, not in the sentence.
  await expect(row.getByText("forms.list")).toBeHidden();
  await row.getByText("Details").click();
  await expect(row.getByText("forms.list")).toBeVisible();
  await expect(row).toContainText(C.ana.email);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await page.setViewportSize({ width: 1280, height: 800 });
  await expect(row.locator("p").first()).toHaveText(`${C.ana.name} viewed Jordan Lee's forms`);
});

test("a destructive button asks first: Cancel keeps the client, Yes archives", async ({ page }) => {
  const C = cast("polish-confirm");
  await signInAs(page, C.ana);
  await page.goto(`/dashboard/clients/${C.profiles.jordan}`);
  await page.getByRole("button", { name: "Archive client" }).click();
  const dialog = page.getByRole("dialog", { name: "Archive this client?" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(/This client was archived on/)).toHaveCount(0);
  await page.getByRole("button", { name: "Archive client" }).click();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await page.getByRole("button", { name: "Archive client" }).click();
  await dialog.getByRole("button", { name: "Yes, archive client" }).click();
  await expect(page.getByText(/This client was archived on/)).toBeVisible();
});

test("the favicon and 404 page carry the practice's brand", async ({ page, request }) => {
  await page.goto("/");
  const icon = await page.locator('link[rel="icon"]').getAttribute("href");
  expect(icon).toMatch(/^\/practice\/icon\?v=\w+/);
  const first = await request.get(icon!);
  expect(first.status()).toBe(200);
  expect(first.headers()["content-type"]).toMatch(/^image\//);
  const etag = first.headers()["etag"];
  expect(etag).toMatch(/^"\w+"$/);
  expect(first.headers()["cache-control"]).toContain("max-age=31536000");
  const again = await request.get(icon!, { headers: { "If-None-Match": etag } });
  expect(again.status()).toBe(304);

  const missing = await page.goto("/no-such-page");
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await expect(page.getByRole("banner")).toContainText(PRACTICE);
  await expect(page).toHaveTitle(`Page not found · ${PRACTICE}`);
  await page.getByRole("link", { name: "Go to your home page" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
});

test("the settings and edit-client forms are filled in the server's HTML, before any script runs", async ({
  page,
  browser,
}) => {
  const C = cast("polish-nojs");
  for (const [person, url, label, value] of [
    [C.admin, "/admin/settings", "Practice name", PRACTICE],
    [C.ana, `/dashboard/clients/${C.profiles.jordan}/edit`, "Legal name", "Jordan Lee"],
  ] as const) {
    await signInAs(page, person);
    const noJs = await browser.newContext({
      javaScriptEnabled: false,
      storageState: await page.context().storageState(),
      viewport: { width: 360, height: 780 },
    });
    const p = await noJs.newPage();
    await p.goto(url);
    await expect(p.getByLabel(label, { exact: true })).toHaveValue(value);
    await noJs.close();
  }
  // With the script, the same values (nothing reset, nothing lost).
  await page.goto(`/dashboard/clients/${C.profiles.jordan}/edit`);
  await expect(page.getByLabel("Legal name", { exact: true })).toHaveValue("Jordan Lee");
});
