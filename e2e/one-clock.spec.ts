import { test, expect, signInAs, cast } from "./fixtures";

// One clock (docs/decisions.md): a submitted form and its signature show the practice's time zone (the demo
// practice is in America/Los_Angeles) with its abbreviation, PST or PDT, never UTC or GMT.
const PACIFIC = /[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2} (AM|PM) P[SD]T/;
const NOT_UTC = /\bUTC\b|\bGMT\b/;

test("a signed consent shows when it was saved, submitted and signed in the practice's time zone", async ({
  page,
  a11y,
}) => {
  test.slow(); // several people, each a sign-in: three times the usual minute
  const C = cast("one-clock");
  await signInAs(page, C.ana);
  await page.goto(`/dashboard/clients/${C.profiles.jordan}/forms`);
  await page.getByLabel("Consent for treatment", { exact: true }).check();
  await page.getByRole("button", { name: "Send forms" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Sent 1" })).toBeVisible();

  await signInAs(page, C.jordan, { profile: /^Jordan Lee/ });
  await page.goto("/portal/forms");
  await page.getByRole("link", { name: "Consent for treatment" }).click();
  await page
    .getByRole("group", { name: /I have read and understand/ })
    .getByLabel("Yes")
    .check();
  await page.getByLabel("Type your full legal name").fill("Jordan Lee");
  await page.getByLabel("Your relationship to the client").selectOption("Self");
  await page.getByLabel(/typing my name above is my electronic signature/).check();
  // The autosave time is the practice's, not the browser's.
  await expect(
    page.getByRole("status").filter({ hasText: /All changes saved at \d{1,2}:\d{2} (AM|PM) P[SD]T/ }),
  ).toBeVisible();
  await page.getByRole("button", { name: "Submit" }).click();
  const submitted = page.getByRole("status").filter({ hasText: "can no longer be changed" });
  await expect(submitted).toContainText(PACIFIC);
  const signature = page.locator('[data-answer="signature"]');
  await expect(signature).toContainText(/Signed by Jordan Lee \(Self\) on /);
  await expect(signature).toContainText(PACIFIC);
  await expect(signature).toContainText("from IP address");
  await expect(page.locator("main")).not.toContainText(NOT_UTC);
  await a11y.check();

  await signInAs(page, C.ana);
  await page.goto(`/dashboard/clients/${C.profiles.jordan}/forms`);
  const row = page.getByTestId("sent-form").filter({ hasText: "Consent for treatment" }).first();
  await expect(row).toContainText(/Submitted [A-Z][a-z]{2} \d{1,2}, \d{4}/);
  await row.getByRole("link", { name: "Consent for treatment" }).click();
  await expect(page.getByText(/Submitted by Jordan Lee on /)).toContainText(PACIFIC);
  await expect(page.locator('[data-answer="signature"]')).toContainText(PACIFIC);
  await expect(page.locator("main")).not.toContainText(NOT_UTC);
});
