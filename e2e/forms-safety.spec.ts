import type { Page } from "@playwright/test";
import { test, expect, signInAs, cast } from "./fixtures";

// docs/product.md, Forms and Safety; docs/decisions.md, Forms and safety: nothing typed is lost between two
// partners' tabs, crisis resources after a PHQ-9 safety answer, who acknowledged the alert, remind and cancel.

async function sendForms(page: Page, profileId: string, titles: string[]) {
  await page.goto(`/dashboard/clients/${profileId}/forms`);
  for (const t of titles) await page.getByLabel(t, { exact: true }).check();
  await page.getByRole("button", { name: "Send forms" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Sent ${titles.length}` })).toBeVisible();
}

async function answer(page: Page, item: number, label: string) {
  await page
    .getByRole("group", { name: new RegExp(`^${item}\\. `) })
    .getByLabel(label, { exact: true })
    .check();
}

test("two partners, two tabs: Casey submits from a tab opened before Jordan's change, and Jordan's newer answer counts", async ({
  page,
  browser,
}) => {
  test.slow();
  const C = cast("forms-two-tab");
  const COUPLE = C.profiles.jordanCasey;
  await signInAs(page, C.ana);
  await sendForms(page, COUPLE, ["GAD-7"]);

  // Casey, on her own phone (another browser), answers everything: 0 + 2 + 2 + 2 + 1 + 1 + 1 = 9 (Mild).
  const caseyCtx = await browser.newContext({
    baseURL: test.info().project.use.baseURL,
    viewport: page.viewportSize() ?? undefined,
  });
  const casey = await caseyCtx.newPage();
  await signInAs(casey, C.casey, { profile: /^Jordan & Casey Lee/ });
  await casey.goto("/portal/forms");
  await casey.getByRole("link", { name: "GAD-7" }).click();
  await casey.waitForURL(/\/portal\/forms\/[0-9a-f-]{36}$/);
  const caseyUrl = casey.url();
  await answer(casey, 1, "Not at all");
  for (const i of [2, 3, 4]) await answer(casey, i, "More than half the days");
  await answer(casey, 5, "Several days");
  await casey.getByRole("button", { name: "Next" }).click();
  for (const i of [6, 7]) await answer(casey, i, "Several days");
  await expect(casey.getByRole("status").filter({ hasText: "All changes saved" })).toBeVisible();

  // Jordan opens the same form later and changes item 1 to "More than half the days": 11 (Moderate).
  await signInAs(page, C.jordan, { profile: /^Jordan & Casey Lee/ });
  await page.goto(caseyUrl);
  await expect(page.getByRole("group", { name: /^1\. / }).getByLabel("Not at all", { exact: true })).toBeChecked();
  await answer(page, 1, "More than half the days");
  await expect(page.getByRole("status").filter({ hasText: "All changes saved" })).toBeVisible();

  // Casey's tab still shows "Not at all" for item 1; she submits from it.
  await casey.getByRole("button", { name: "Submit" }).click();
  await expect(casey.getByRole("status").filter({ hasText: "can no longer be changed" })).toBeVisible();
  await caseyCtx.close();

  await signInAs(page, C.ana);
  await page.goto(`/dashboard/clients/${COUPLE}/forms`);
  await page.getByTestId("sent-form").filter({ hasText: "GAD-7" }).getByRole("link", { name: "GAD-7" }).click();
  await expect(page.getByTestId("score")).toHaveText("Total 11 · Moderate");
});

test("a PHQ-9 safety answer shows crisis resources to the client; Ana acknowledges the alert and the response says who and when", async ({
  page,
  a11y,
}) => {
  test.slow();
  const C = cast("forms-safety");
  const JORDAN = C.profiles.jordan;
  await signInAs(page, C.ana);
  await sendForms(page, JORDAN, ["PHQ-9"]);

  await signInAs(page, C.jordan, { profile: /^Jordan Lee/ });
  await page.goto("/portal/forms");
  await page.getByRole("link", { name: "PHQ-9" }).click();
  for (let i = 1; i <= 9; i++) {
    if (i === 6) await page.getByRole("button", { name: "Next" }).click();
    await answer(page, i, i === 9 ? "Several days" : "Not at all");
  }
  await page.getByRole("button", { name: "Submit" }).click();
  const crisis = page.getByTestId("crisis-resources");
  await expect(crisis.getByRole("heading", { name: "If you need help now" })).toBeVisible();
  await expect(crisis).toContainText("988 Suicide & Crisis Lifeline: call or text 988");
  await expect(crisis.getByRole("link", { name: "988", exact: true })).toHaveAttribute("href", "tel:988");
  await expect(crisis.getByRole("link", { name: "911" })).toHaveAttribute("href", "tel:911");
  await expect(crisis.getByRole("link", { name: "(555) 010-2030" })).toHaveAttribute("href", "tel:+15550102030");
  await a11y.check();

  await signInAs(page, C.ana);
  const alert = page.getByTestId("safety-alert").filter({ hasText: "Jordan Lee" });
  await expect(alert).toBeVisible();
  await alert.getByRole("button", { name: "Acknowledge" }).click();
  await expect(page.getByTestId("safety-alert")).toHaveCount(0);
  await page.goto(`/dashboard/clients/${JORDAN}/forms`);
  await page.getByTestId("sent-form").filter({ hasText: "PHQ-9" }).getByRole("link", { name: "PHQ-9" }).click();
  await expect(page.getByTestId("alert-acknowledged")).toHaveText(
    new RegExp(
      `^Safety alert acknowledged by ${C.ana.name} on [A-Z][a-z]{2} \\d{1,2}, \\d{4}, \\d{1,2}:\\d{2} [AP]M [A-Z]{2,5}$`,
    ),
  );
  await a11y.check();
});

test("Ana reminds about and cancels a sent form; the client's to-do goes away", async ({ page }) => {
  test.slow(); // several people, each a sign-in: three times the usual minute
  const C = cast("forms-remind");
  const JORDAN = C.profiles.jordan;
  await signInAs(page, C.ana);
  await sendForms(page, JORDAN, ["GAD-7"]);
  const row = page.getByTestId("sent-form").filter({ hasText: "GAD-7" });
  // The form's own email went out minutes ago: a reminder waits a day.
  await row.getByRole("button", { name: "Remind: GAD-7" }).click();
  await expect(row.getByRole("alert")).toHaveText(/You can send a reminder tomorrow/);

  await signInAs(page, C.jordan, { profile: /^Jordan Lee/ });
  await page.goto("/portal/forms");
  await expect(page.getByRole("link", { name: "GAD-7" })).toBeVisible();

  await signInAs(page, C.ana);
  await page.goto(`/dashboard/clients/${JORDAN}/forms`);
  page.once("dialog", (d) => void d.accept());
  await page
    .getByTestId("sent-form")
    .filter({ hasText: "GAD-7" })
    .getByRole("button", { name: "Cancel form: GAD-7" })
    .click();
  await expect(page.getByTestId("sent-form").filter({ hasText: "GAD-7" })).toContainText("Canceled");

  await signInAs(page, C.jordan, { profile: /^Jordan Lee/ });
  await page.goto("/portal/forms");
  await expect(page.getByRole("heading", { name: "To do (0)" })).toBeVisible();
  await expect(page.getByRole("link", { name: "GAD-7" })).toHaveCount(0);
});
