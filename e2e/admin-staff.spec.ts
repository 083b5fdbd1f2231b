import { test, expect, signInAs, latestEmailLink, cast, enrolTotp } from "./fixtures";

test("the admin invites a clinician, who signs in; deactivating them signs them out on their next request", async ({
  page,
  browser,
  baseURL,
}) => {
  const email = `taylor.${Date.now()}@riverbend.example`;
  await signInAs(page, cast("admin-staff").admin);
  await expect(page).toHaveURL(/\/admin$/);
  await page.getByRole("link", { name: "Staff" }).first().click();
  await page.getByRole("link", { name: "Invite a clinician" }).click();
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Name").fill("Taylor Test");
  await page.getByLabel("Credentials (optional)").fill("LPC");
  await page.getByLabel("Individual NPI (optional)").fill("1234567890");
  await page.getByLabel("License state (optional)").fill("O");
  await page.getByRole("button", { name: "Invite clinician" }).click();
  await expect(page.getByText("This NPI's check digit is wrong; please check the number.")).toBeVisible();
  await expect(page.getByText("Use the 2-letter state code, like OR.")).toBeVisible();
  await expect(page.getByLabel("Email address")).toHaveValue(email);
  await page.getByLabel("Individual NPI (optional)").fill("1234567893");
  await page.getByLabel("License state (optional)").fill("or");
  await page.getByRole("button", { name: "Invite clinician" }).click();
  await expect(page.getByText(`Invitation sent to ${email}.`)).toBeVisible();
  await expect(page.getByLabel("License state (optional)")).toHaveValue("OR");
  const staffUrl = page.url();

  // The clinician, in their own browser, signs in from the invitation.
  const other = await browser.newContext({ baseURL, viewport: { width: 360, height: 780 } });
  const clin = await other.newPage();
  const link = await latestEmailLink(clin, email, /welcome/i);
  await clin.goto(link);
  await clin.getByRole("button", { name: "Sign In" }).click();
  // A new staff member sets up a second factor before anything else (docs/decisions.md "Second factor and passkeys").
  await enrolTotp(clin);
  await expect(clin).toHaveURL(/\/dashboard$/);
  await expect(clin.getByRole("heading", { level: 1 })).toContainText("Taylor Test");

  await page.goto(staffUrl);
  await page.getByRole("button", { name: "Deactivate account" }).click();
  await page
    .getByRole("dialog")
    .getByRole("button", { name: /^Yes, / })
    .click();
  await expect(page.getByText("Account deactivated. They were signed out.")).toBeVisible();
  await expect(page.getByTestId("staff-status")).toHaveText("Deactivated");

  // Their next request: signed out.
  await clin.goto("/dashboard/clients");
  await expect(clin).toHaveURL(/\/sign-in/);
  await other.close();

  await page.goto(`/admin/audit?action=staff.deactivate`);
  await expect(page.getByTestId("audit-row").first()).toContainText("staff.deactivate");
});
