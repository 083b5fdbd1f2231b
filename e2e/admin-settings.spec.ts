import fs from "node:fs";
import { test, expect, signInAs, cast } from "./fixtures";

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
