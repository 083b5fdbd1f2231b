import { test, expect, signInAs, cast } from "./fixtures";

/**
 * The decoy-profile takeover (docs/decisions.md "Who manages a login"): Sam types Ana's client Jordan's address
 * into a new client of his own. He must learn nothing of Jordan's login and get no button that acts on it; the
 * admin still manages Jordan, and Jordan still signs in. The spec has its own cast (e2e/cast.ts): its Ana treats
 * its Jordan, its Sam is the other clinician.
 */
const C = cast("portal-takeover");
const JORDAN = C.jordan.email;

test("Sam's decoy profile with Jordan's address shows only the address and no credential buttons; the admin can still issue Jordan a PIN", async ({
  page,
  browser,
  baseURL,
}) => {
  // Three people sign in by email and Sam's test data is tidied after: longer than one sign-in spec.
  test.slow();
  await signInAs(page, C.sam);
  await expect(page).toHaveURL(/\/dashboard$/);

  // A control client with a fresh address: Sam manages that login himself.
  const fresh = `fresh.${Date.now()}@example.com`;
  await page.goto("/dashboard/clients/new");
  await page.getByLabel("Legal name").fill("Fresh Control");
  await page.getByLabel("Email of portal user 1").fill(fresh);
  await page.getByRole("button", { name: "Create client" }).click();
  await expect(page).toHaveURL(/\/dashboard\/clients\/[0-9a-f-]{36}\?created=1$/);
  await expect(page.getByText("Client created.")).toBeVisible();
  const freshUrl = new URL(page.url()).pathname;
  const freshPanel = page.getByRole("region", { name: "Portal access" });
  await expect(freshPanel.getByTestId("portal-status")).toHaveText("Not invited");
  await expect(freshPanel.getByRole("button", { name: `Generate PIN code for ${fresh}` })).toBeVisible();

  // The decoy: the same answer as for a new address.
  await page.goto("/dashboard/clients/new");
  await page.getByLabel("Legal name").fill("Decoy Person");
  await page.getByLabel("Email of portal user 1").fill(JORDAN);
  await page.getByRole("button", { name: "Create client" }).click();
  await expect(page).toHaveURL(/\/dashboard\/clients\/[0-9a-f-]{36}\?created=1$/);
  await expect(page.getByText("Client created.")).toBeVisible();
  const decoyUrl = new URL(page.url()).pathname;

  const panel = page.getByRole("region", { name: "Portal access" });
  await expect(panel.getByTestId("portal-user")).toHaveCount(1);
  await expect(panel).toContainText(JORDAN);
  await expect(panel.getByTestId("portal-status")).toHaveText("Managed by the practice admin");
  await expect(panel.getByTestId("portal-managed-by-admin")).toHaveText(
    "This person also has profiles with another clinician. Ask the practice admin to send a link, issue a PIN or revoke access.",
  );
  // Nothing of Jordan's login: no name, no sign-in history, no buttons.
  await expect(panel).not.toContainText("Jordan Lee");
  await expect(panel).not.toContainText("Last sign-in");
  await expect(panel.getByRole("button")).toHaveCount(0);

  // The admin manages Jordan's login from the same page, and Jordan signs in with that PIN.
  const adminCtx = await browser.newContext({ baseURL, viewport: { width: 360, height: 780 } });
  const admin = await adminCtx.newPage();
  await signInAs(admin, C.admin);
  await expect(admin).toHaveURL(/\/admin$/);
  await admin.goto(decoyUrl);
  await admin.getByRole("button", { name: "Generate PIN code for Jordan Lee" }).click();
  const code = admin.getByTestId("pin-code");
  await expect(code).toHaveText(/^\d{6}$/);
  const pin = (await code.textContent())!.trim();
  await adminCtx.close();

  const jordanCtx = await browser.newContext({ baseURL, viewport: { width: 360, height: 780 } });
  const jordan = await jordanCtx.newPage();
  await jordan.goto("/sign-in/pin");
  await jordan.getByLabel("Email address").fill(JORDAN);
  await jordan.getByLabel("PIN code").fill(pin);
  await jordan.getByRole("button", { name: "Sign In" }).click();
  await expect(jordan).toHaveURL(/\/portal\/profiles$/);
  const profiles = jordan.getByRole("list", { name: "Your profiles" });
  await expect(profiles).toContainText("Jordan Lee");
  await expect(profiles).toContainText("Jordan & Casey Lee");
  await jordanCtx.close();

  // Sam takes Jordan off the decoy (only that access row goes) and archives both of his test clients.
  await page.goto(`${decoyUrl}/edit`);
  await page.getByRole("button", { name: "Remove portal user 1" }).click();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Changes saved.")).toBeVisible();
  await expect(page.getByRole("region", { name: "Portal access" })).toContainText(
    "No one has portal access to this profile yet.",
  );
  for (const url of [decoyUrl, freshUrl]) {
    await page.goto(url);
    await page.getByRole("button", { name: "Archive client" }).click();
    await page
      .getByRole("dialog")
      .getByRole("button", { name: /^Yes, / })
      .click();
    await expect(page.getByText(/This client was archived on/)).toBeVisible();
  }
});
