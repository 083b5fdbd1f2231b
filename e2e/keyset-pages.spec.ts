import { test, expect, signInAs, cast } from "./fixtures";

/**
 * Keyset pages (docs/decisions.md "Keyset pagination"): the audit log's Older and Newer are plain links whose
 * cursor carries no name or email, walk without repeating an entry, and an edited cursor shows the newest page with
 * a notice instead of an error.
 */
const C = cast("keyset-pages");

test("the audit log pages by cursor links; a tampered cursor falls back to the newest page", async ({ page }) => {
  await signInAs(page, C.admin);
  // Each view of the log is itself logged: 55 views make more than one page of "audit" entries.
  for (let i = 0; i < 55; i++) expect((await page.request.get("/admin/audit?action=audit.export")).status()).toBe(200);
  await page.goto("/admin/audit?action=audit");
  const rows = page.getByTestId("audit-row");
  await expect(rows.first()).toBeVisible();
  const older = page.getByRole("navigation", { name: "Pages" }).getByRole("link", { name: "Older" });
  await expect(older, "55 views fill more than one page").toBeVisible();
  await expect(page.getByRole("link", { name: "Newer" })).toHaveCount(0);
  const firstPage = await rows.allTextContents();

  // A plain link: following its href is what a browser without JavaScript does.
  const href = (await older.getAttribute("href"))!;
  expect(href).toMatch(/[?&]after=[A-Za-z0-9_-]+/);
  expect(href).not.toContain("%40");
  expect(decodeURIComponent(href)).not.toContain("@");
  await page.goto(href);
  await expect(rows.first()).toBeVisible();
  expect(await rows.allTextContents()).not.toEqual(firstPage);

  const newer = page.getByRole("link", { name: "Newer" });
  await page.goto((await newer.getAttribute("href"))!);
  // Exactly the first page again: the 50 entries just above the cursor, even if sign-ins were logged meanwhile.
  await expect(rows.first()).toBeVisible();
  expect(await rows.allTextContents()).toEqual(firstPage);

  const r = await page.goto("/admin/audit?action=audit&after=not-a-cursor");
  expect(r?.status()).toBe(200);
  await expect(page.getByRole("status").filter({ hasText: "That page link is no longer valid" })).toBeVisible();
  await expect(rows.first()).toBeVisible();
});
