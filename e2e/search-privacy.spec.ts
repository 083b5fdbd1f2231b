import type { Page } from "@playwright/test";
import { test, expect, signInAs, cast } from "./fixtures";

/**
 * No names or email addresses in URLs (docs/decisions.md "No PHI in URLs"): URLs end up in server logs, browser
 * history and Referer headers. The searches post to a server action and the page's URL carries the term sealed;
 * search, reload, back and forward keep working. Each test has its own cast (e2e/cast.ts).
 */
function expectNoPlaintext(page: Page, ...terms: string[]) {
  const url = decodeURIComponent(page.url()).toLowerCase();
  for (const t of terms) expect(url, `the URL ${page.url()} shows "${t}"`).not.toContain(t.toLowerCase());
}

test("the client search keeps the name out of the URL, and reload, back and forward still work", async ({ page }) => {
  const C = cast("search-clients");
  const term = C.jordan.email; // jordan.lee.search-clients@example.com
  await signInAs(page, C.ana);
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.goto("/dashboard/clients");
  const list = page.getByRole("list", { name: "Client list" });
  await expect(list.getByRole("link", { name: "Pat Park", exact: true })).toBeVisible();

  await page.getByLabel("Search by name or email").fill(term);
  await page.getByRole("button", { name: "Search" }).click();
  await page.waitForURL(/\/dashboard\/clients\?q=/);
  expectNoPlaintext(page, "jordan", "example", "lee.", C.tag);
  await expect(list.getByRole("link", { name: "Jordan Lee", exact: true })).toBeVisible();
  await expect(list.getByRole("link", { name: "Pat Park", exact: true })).toHaveCount(0);
  await expect(page.getByLabel("Search by name or email")).toHaveValue(term);
  // No link on the page carries the term either (pagination, filters).
  for (const href of await page.locator("a[href]").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""))) {
    expect(href.toLowerCase(), href).not.toContain("jordan");
  }

  const sealedUrl = page.url();
  await page.reload();
  await expect(list.getByRole("link", { name: "Jordan Lee", exact: true })).toBeVisible();
  await expect(list.getByRole("link", { name: "Pat Park", exact: true })).toHaveCount(0);

  await page.goBack();
  await expect(page).toHaveURL(/\/dashboard\/clients$/);
  await expect(list.getByRole("link", { name: "Pat Park", exact: true })).toBeVisible();
  await page.goForward();
  await expect(page).toHaveURL(sealedUrl);
  await expect(list.getByRole("link", { name: "Pat Park", exact: true })).toHaveCount(0);

  // A tampered or hand-typed value is no filter, and the page says so.
  const q = new URL(sealedUrl).searchParams.get("q")!;
  const flipped = `${q.slice(0, 10)}${q[10] === "A" ? "B" : "A"}${q.slice(11)}`;
  for (const bad of [flipped, "jordan"]) {
    await page.goto(`/dashboard/clients?q=${encodeURIComponent(bad)}`);
    await expect(page.getByRole("status").filter({ hasText: "That search link is no longer valid" })).toBeVisible();
    await expect(list.getByRole("link", { name: "Pat Park", exact: true })).toBeVisible();
  }
});

test("the admin's email-log and audit-log filters keep addresses and names out of the URL", async ({ page }) => {
  const C = cast("search-admin");
  const admin = C.admin.email; // admin.search-admin@riverbend.example
  // Signing in (once, through the email form) is what put a sign-in link email to this admin in the log.
  await signInAs(page, C.admin);
  await expect(page).toHaveURL(/\/admin$/);

  await page.goto("/admin/emails");
  await page.getByLabel("Recipient").fill(admin);
  await page.getByRole("button", { name: "Filter" }).click();
  await page.waitForURL(/\/admin\/emails\?to=/);
  expectNoPlaintext(page, admin.slice(0, admin.indexOf("@") + 1), C.tag, "riverbend");
  await expect(page.getByTestId("email-row").first()).toContainText(`To ${admin}`);
  await expect(page.getByLabel("Recipient")).toHaveValue(admin);

  await page.goto("/admin/audit");
  await page.getByLabel("Client profile (name or ID)").fill("Jordan Lee");
  await page.getByRole("button", { name: "Filter" }).click();
  await page.waitForURL(/\/admin\/audit\?profile=/);
  expectNoPlaintext(page, "jordan");
  await expect(page.getByLabel("Client profile (name or ID)")).toHaveValue("Jordan Lee");
  const exportHref = (await page.getByRole("link", { name: "Export CSV" }).getAttribute("href")) ?? "";
  expect(exportHref.toLowerCase()).not.toContain("jordan");
  for (const row of await page.getByTestId("audit-row").all()) await expect(row).toContainText("Jordan");
});
