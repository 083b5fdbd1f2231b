import fs from "node:fs";
import { strFromU8, unzipSync } from "fflate";
import { test, expect, signInAs, signOut, cast, latestEmailLink } from "./fixtures";

const JORDAN_ALONE = /Jordan Lee\b(?! &)/;

/**
 * docs/decisions.md, "A client's records export": the clinician asks for one zip of everything held for a client,
 * follows its progress, downloads it; the zip holds each section and its index links them.
 */
test("Ana exports Jordan's records: progress, then a zip with every section linked from index.html", async ({
  page,
}) => {
  test.slow(); // two sign-ins and a background build
  const C = cast("records-export");

  // Jordan writes a message, so the export has a conversation to hold.
  await signInAs(page, C.jordan, { profile: JORDAN_ALONE });
  await page.getByRole("navigation", { name: "Portal" }).getByRole("link", { name: "Messages" }).click();
  await page.getByLabel("Your message").fill("Looking forward to Thursday.");
  await page.getByRole("button", { name: "Send message" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Message sent." })).toBeVisible();
  await signOut(page);

  await signInAs(page, C.ana);
  await page.goto(`/dashboard/clients/${C.profiles.jordan}`);
  await page.getByRole("button", { name: "Export records" }).click();
  await expect(page).toHaveURL(new RegExp(`/dashboard/clients/${C.profiles.jordan}/records-export/[0-9a-f-]{36}$`));
  await expect(page.getByRole("heading", { name: "Records export", level: 1 })).toBeVisible();
  // The page re-reads itself until the build is done.
  const download = page.getByRole("link", { name: "Download the export (zip)" });
  await expect(download).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole("status").filter({ hasText: "The export is ready" })).toBeVisible();

  const downloadPromise = page.waitForEvent("download");
  await download.click();
  const file = await downloadPromise;
  expect(file.suggestedFilename()).toMatch(/^records-export-\d{4}-\d{2}-\d{2}\.zip$/);
  const zip = unzipSync(new Uint8Array(fs.readFileSync((await file.path())!)));
  const index = strFromU8(zip["index.html"]);
  for (const section of [
    "Profile details",
    "Form responses",
    "Documents",
    "Messages",
    "Invoices",
    "Statements",
    "Superbills",
    "Payments",
    "Audit trail",
  ]) {
    expect(index).toContain(`<h2>${section}</h2>`);
  }
  for (const name of ["profile.html", "messages/secure-messages.pdf", "billing/payments.csv", "audit-trail.csv"]) {
    expect(Object.keys(zip)).toContain(name);
    expect(index).toContain(`href="${name}"`);
  }
  expect(strFromU8(zip["profile.html"])).toContain("Jordan Lee");
  expect(strFromU8(zip["messages/secure-messages.pdf"].subarray(0, 5))).toBe("%PDF-");
  expect(strFromU8(zip["audit-trail.csv"])).toContain("records.export_requested");

  // The email says it is ready and links to the status page, with nothing about whose records.
  const href = await download.getAttribute("href");
  const status = page.url();
  const link = await latestEmailLink(page, C.ana.email, /Your records export is ready/);
  expect(new URL(link).pathname).toBe(new URL(status).pathname);
  await expect(page.locator("body")).toContainText("Your records export is ready");
  await expect(page.locator("body")).not.toContainText("Jordan");

  // Another person cannot fetch it: the admin of the same practice gets 404.
  await page.goto("/dashboard"); // back from the mailbox, to a page with Sign out
  await signOut(page);
  await signInAs(page, C.admin);
  const res = await page.request.get(href!);
  expect(res.status()).toBe(404);
});

test("Jordan exports their own records from the portal's Security page", async ({ page }) => {
  test.slow();
  const C = cast("records-export-portal");
  await signInAs(page, C.jordan, { profile: JORDAN_ALONE });
  await page.goto("/portal/security");
  await page.getByRole("button", { name: "Export records" }).click();
  await expect(page).toHaveURL(/\/portal\/records-export\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name: "Your records export", level: 1 })).toBeVisible();
  const download = page.getByRole("link", { name: "Download the export (zip)" });
  await expect(download).toBeVisible({ timeout: 60_000 });
  const downloadPromise = page.waitForEvent("download");
  await download.click();
  const zip = unzipSync(new Uint8Array(fs.readFileSync((await (await downloadPromise).path())!)));
  expect(strFromU8(zip["profile.html"])).toContain("Jordan Lee");
  // A client's audit trail leaves out staff email and IP addresses.
  const header = strFromU8(zip["audit-trail.csv"]).split("\r\n")[0];
  expect(header).not.toContain("IP address");
  expect(strFromU8(zip["index.html"])).toContain('href="audit-trail.csv"');
});
