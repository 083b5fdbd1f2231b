import fs from "node:fs";
import { test, expect, signInAs, cast } from "./fixtures";

// The practice's settings are one row, and its form saves every field: two of these tests saving at once would put
// back what the other just changed. So this file's tests run one after another (the others still run beside them).
test.describe.configure({ mode: "default" });

test("the admin saves an invalid NPI: the field says why and nothing changes; a valid one saves; the audit log and its CSV export show the change", async ({
  page,
}) => {
  // The practice's settings are the one thing every cast shares; only this test changes them.
  const C = cast("admin-settings");
  await signInAs(page, C.admin);
  await expect(page).toHaveURL(/\/admin$/);
  await page.getByRole("link", { name: "Practice settings" }).first().click();
  await expect(page.getByRole("heading", { name: "Practice settings" })).toBeVisible();
  const npi = page.getByLabel("Organization NPI");
  await expect(npi).toHaveValue("1003000126");

  await npi.fill("1234567890");
  await page.getByLabel("EIN (tax ID)").fill("12345");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("This NPI's check digit is wrong; please check the number.")).toBeVisible();
  await expect(page.getByText("An EIN is 9 digits, written NN-NNNNNNN.")).toBeVisible();
  await expect(npi).toHaveValue("1234567890"); // what was typed stays
  await expect(npi).toHaveAttribute("aria-invalid", "true");
  await page.reload();
  await expect(page.getByLabel("Organization NPI")).toHaveValue("1003000126"); // nothing changed

  await page.getByLabel("Organization NPI").fill("1234567893");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Settings saved.")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Organization NPI")).toHaveValue("1234567893");

  await page.getByRole("link", { name: "Audit log" }).first().click();
  await page.getByLabel("Action").selectOption("settings.update");
  await page.getByLabel("User (email)").fill(C.admin.email);
  await page.getByRole("button", { name: "Filter" }).click();
  const row = page.getByTestId("audit-row").first();
  await expect(row).toContainText("settings.update");
  await expect(row).toContainText("organizationNpi");

  const downloadPromise = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/^audit-log-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = fs.readFileSync((await download.path())!, "utf8");
  expect(csv.split("\r\n")[0]).toMatch(/^id,time_utc,action,description,actor_email/);
  expect(
    csv
      .split("\r\n")
      .some((l) => l.includes("settings.update") && l.includes(C.admin.email) && l.includes("organizationNpi")),
  ).toBe(true);

  // The export itself is in the log.
  await page.goto("/admin/audit?action=audit.export");
  await expect(page.getByTestId("audit-row").first()).toContainText("audit.export");
});

test("the email log lists queued and sent emails without their bodies", async ({ page }) => {
  const C = cast("admin-emails");
  // Signing in (once, through the email form) is what put a sign-in link email in this admin's log.
  await signInAs(page, C.admin);
  await expect(page).toHaveURL(/\/admin$/);
  await page.goto("/admin/emails");
  await page.getByLabel("Recipient").fill(C.admin.email);
  await page.getByRole("button", { name: "Filter" }).click();
  await page.waitForURL(/\/admin\/emails\?to=/);
  const row = page.getByTestId("email-row").first();
  await expect(row).toContainText("Your sign-in link for");
  await expect(row).toContainText(/Tries: \d/);
  await expect(page.locator("body")).not.toContainText("/sign-in/confirm?token=");
});

test("the admin uploads a logo: the header and the tab icon show it from its own cached address; a new logo gets a new address; removed, the initial is back", async ({
  page,
}) => {
  // Two real 1×1 PNGs (one pixel of different colours). The logo is shared by every page, so this test puts it
  // back to none before it ends; the other specs never look at it.
  const first = Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
    "base64",
  );
  const second = Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=",
    "base64",
  );
  const C = cast("admin-logo");
  await signInAs(page, C.admin);
  await expect(page).toHaveURL(/\/admin$/);
  await page.getByRole("link", { name: "Practice settings" }).first().click();
  await expect(page.getByRole("heading", { name: "Practice settings" })).toBeVisible();
  const headerLogo = page.locator("header a img");
  const icon = page.locator('link[rel="icon"]');
  const logoField = page.getByLabel("Logo (PNG or JPEG, up to 200 KB)");

  // What the browser would fetch for the header's logo and the tab icon: the picture's own bytes, cached by version.
  const fetched = async (href: string) => {
    const r = await page.request.get(href);
    return {
      status: r.status(),
      type: r.headers()["content-type"],
      cache: r.headers()["cache-control"],
      etag: r.headers()["etag"],
      body: await r.body(),
    };
  };

  await logoField.setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: first });
  await expect(page.getByAltText("Current logo")).toBeVisible();
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Settings saved.")).toBeVisible();
  // Shown at once, without a reload, from the logo's own address (never the data URL inlined in the page).
  await expect(headerLogo).toHaveAttribute("src", /^\/practice\/logo\?v=\w+$/);
  const firstHref = (await headerLogo.getAttribute("src"))!;
  await expect(icon).toHaveAttribute("href", firstHref.replace("/practice/logo", "/practice/icon"));
  // The pages the server sends point at it; none carries the picture itself (the form's preview, above, is the
  // browser's own copy of the chosen file).
  const served = await (await page.request.get("/dashboard")).text();
  expect(served).toContain(firstHref);
  expect(served).not.toContain(first.toString("base64"));
  const logo = await fetched(firstHref);
  expect(logo).toMatchObject({ status: 200, type: "image/png", cache: "public, max-age=31536000, immutable" });
  expect(Buffer.compare(logo.body, first)).toBe(0);
  const tabIcon = await fetched((await icon.getAttribute("href"))!);
  expect(tabIcon.type).toBe("image/png");
  expect(Buffer.compare(tabIcon.body, first)).toBe(0);
  // A browser that holds this version is told it is unchanged.
  const again = await page.request.get(firstHref, { headers: { "if-none-match": logo.etag } });
  expect(again.status()).toBe(304);

  // Another logo: another address, so no browser keeps showing the old one; the old address is no longer cached.
  await page.reload();
  await page
    .getByLabel("Logo (PNG or JPEG, up to 200 KB)")
    .setInputFiles({ name: "logo2.png", mimeType: "image/png", buffer: second });
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Settings saved.")).toBeVisible();
  await expect(headerLogo).not.toHaveAttribute("src", firstHref);
  const secondHref = (await headerLogo.getAttribute("src"))!;
  expect(secondHref).toMatch(/^\/practice\/logo\?v=\w+$/);
  expect(Buffer.compare((await fetched(secondHref)).body, second)).toBe(0);
  expect((await fetched(firstHref)).cache).toBe("public, no-cache");

  // Removed: the header and the tab icon show the practice's initial again, and the logo address finds nothing.
  await page.getByRole("button", { name: "Remove logo" }).click();
  await expect(page.getByText("No logo yet.")).toBeVisible();
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Settings saved.")).toBeVisible();
  await expect(headerLogo).toHaveCount(0);
  const initialIcon = await fetched((await icon.getAttribute("href"))!);
  expect(initialIcon.type).toBe("image/svg+xml");
  expect(initialIcon.body.toString()).toContain("<svg");
  expect((await fetched(secondHref)).status).toBe(404);
});
