import { readFile } from "node:fs/promises";
import { extractText, getDocumentProxy } from "unpdf";
import type { Page } from "@playwright/test";
import { test, expect, signInAs, cast } from "./fixtures";

// docs/product.md, Forms and Safety (intake forms and assessments), as a client and a clinician see them. Each test has its own cast (e2e/cast.ts):
// the demo practice's people, with addresses and profiles of its own. People change through stored sessions.

async function sendForms(page: Page, profileId: string, titles: string[]) {
  await page.goto(`/dashboard/clients/${profileId}/forms`);
  for (const t of titles) await page.getByLabel(t, { exact: true }).check();
  await page.getByRole("button", { name: "Send forms" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Sent ${titles.length}` })).toBeVisible();
}

async function pdfText(path: string) {
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(await readFile(path))), {
    mergePages: true,
  });
  return text;
}

test("Ana sends PHQ-9 and the intake; Jordan resumes the intake after a reload and submits PHQ-9; Ana sees the score, band and a safety alert and acknowledges it", async ({
  page,
  a11y,
}) => {
  test.slow(); // the longest journey: three people, about thirty page loads each checked with axe
  const C = cast("forms-journey");
  const { ana: ANA } = C;
  const JORDAN_LEE = C.profiles.jordan;
  await signInAs(page, ANA);
  await sendForms(page, JORDAN_LEE, ["PHQ-9", "Intake questionnaire"]);

  await signInAs(page, C.jordan, { profile: /^Jordan Lee/ });
  await page.goto("/portal");
  await expect(page.getByTestId("forms-todo-count")).toHaveText("2 forms to complete");
  await page.getByRole("link", { name: "Complete your forms" }).click();
  await expect(page.getByRole("heading", { name: "To do (2)" })).toBeVisible();

  // Half the intake, then a reload: the answers are there (autosave).
  await page.getByRole("link", { name: "Intake questionnaire" }).click();
  await page.getByLabel("Full legal name").fill("Jordan Lee");
  await page.getByLabel("Preferred name").fill("Jo");
  await page.getByLabel("Date of birth").fill("1990-04-12");
  await page.getByLabel("Phone number").fill("555-0142");
  await expect(page.getByRole("status").filter({ hasText: "All changes saved" })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Full legal name")).toHaveValue("Jordan Lee");
  await expect(page.getByLabel("Preferred name")).toHaveValue("Jo");
  await expect(page.getByLabel("Date of birth")).toHaveValue("1990-04-12");
  await expect(page.getByLabel("Phone number")).toHaveValue("555-0142");
  await expect(page.getByText(/Saved by Jordan Lee/)).toBeVisible();

  // Leaving the page right after typing (before the debounce) still saves the answer.
  const intakeUrl = page.url();
  await page.getByLabel("Phone number").fill("555-0143");
  await page.goto("/portal/forms");
  await expect(async () => {
    await page.goto(intakeUrl);
    await expect(page.getByLabel("Phone number")).toHaveValue("555-0143", { timeout: 1000 });
  }).toPass({ timeout: 15_000 });

  // An over-long answer is refused at the field.
  await page.getByLabel("Preferred name").fill("x".repeat(501));
  await expect(page.getByText("Keep this answer under 500 characters.")).toBeVisible();
  await page.getByLabel("Preferred name").fill("Jo");
  await expect(page.getByText("Keep this answer under 500 characters.")).toHaveCount(0);

  // PHQ-9 with item 9 = 1 ("Several days"), the others "More than half the days": 8×2 + 1 = 17.
  await page.goto("/portal/forms");
  await page.getByRole("link", { name: "PHQ-9" }).click();
  for (let i = 1; i <= 9; i++) {
    if (i === 6) await page.getByRole("button", { name: "Next" }).click();
    await page
      .getByRole("group", { name: new RegExp(`^${i}\\. `) })
      .getByLabel(i === 9 ? "Several days" : "More than half the days")
      .check();
  }
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(page.getByRole("status").filter({ hasText: "can no longer be changed" })).toBeVisible();
  await a11y.check(); // the portal review page (read-only)
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download PDF" }).click();
  const text = await pdfText((await (await download).path())!);
  expect(text).toContain("PHQ-9");
  expect(text).toContain("Thoughts that you would be better off dead");
  expect(text).toContain("Total score: 17 (Moderately severe)");

  await signInAs(page, ANA);
  const alert = page.getByTestId("safety-alert").filter({ hasText: "Jordan Lee" });
  await expect(alert).toContainText("answered 1 of 3");
  await expect(alert).toContainText("Total 17 (Moderately severe)");
  await expect(page.getByRole("link", { name: "Jordan Lee: PHQ-9" })).toBeVisible();
  await alert.getByRole("link", { name: "Review the response" }).click();
  await expect(page.getByTestId("score")).toHaveText("Total 17 · Moderately severe");
  await a11y.check(); // the clinician's review page
  const pdf = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download PDF" }).click();
  expect(await pdfText((await (await pdf).path())!)).toContain("More than half the days");
  await page.goto("/dashboard");
  await page
    .getByTestId("safety-alert")
    .filter({ hasText: "Jordan Lee" })
    .getByRole("button", { name: "Acknowledge" })
    .click();
  await expect(page.getByTestId("safety-alert")).toHaveCount(0);

  // The client page shows the measure over time, with a table for screen readers.
  await page.goto(`/dashboard/clients/${JORDAN_LEE}/forms`);
  await expect(page.getByRole("table", { name: "PHQ-9 scores by date" })).toContainText("17 / 27");
});

test("Casey cannot open a form sent to Jordan Lee (404)", async ({ page }) => {
  test.slow(); // several people, each a sign-in: three times the usual minute
  const C = cast("forms-outsider");
  await signInAs(page, C.ana);
  await sendForms(page, C.profiles.jordan, ["GAD-7"]);
  const href = await page
    .getByTestId("sent-form")
    .filter({ hasText: "GAD-7" })
    .first()
    .getByRole("link")
    .getAttribute("href");
  const responseId = href!.split("/").pop()!;

  await signInAs(page, C.casey);
  const res = await page.goto(`/portal/forms/${responseId}`);
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  const pdf = await page.request.get(`/api/forms/responses/${responseId}/pdf`);
  expect(pdf.status()).toBe(404);
  const save = await page.request.post(`/api/forms/responses/${responseId}/draft`, {
    data: { answers: { gad7_1: "1" } },
    headers: { origin: new URL(page.url()).origin },
  });
  expect(save.status()).toBe(404);
});

/** Presses Tab until the focused element matches; keyboard only. */
async function tabUntil(
  page: Page,
  matches: (el: { tag: string; type: string; name: string; text: string; label: string }) => boolean,
  max = 40,
) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    const el = await page.evaluate(() => {
      const a = document.activeElement as HTMLInputElement | null;
      return {
        tag: a?.tagName ?? "",
        type: a?.type ?? "",
        name: a?.name ?? "",
        text: a?.textContent?.trim() ?? "",
        label: a?.closest("fieldset")?.querySelector("legend")?.textContent ?? "",
      };
    });
    if (matches(el)) return;
  }
  throw new Error("focus never reached the target");
}

test("PHQ-9 completed with the keyboard alone", async ({ page }) => {
  test.slow(); // several people, each a sign-in: three times the usual minute
  const C = cast("forms-keyboard");
  const COUPLE = C.profiles.jordanCasey;
  await signInAs(page, C.ana);
  await sendForms(page, COUPLE, ["PHQ-9"]);
  await signInAs(page, C.casey);
  await page.goto("/portal/forms");
  const href = await page.getByRole("link", { name: "PHQ-9" }).first().getAttribute("href");
  await page.goto(href!);
  // Items 1–8 "Several days" (Space picks "Not at all", ArrowDown moves on and picks), item 9 "Not at all": total 8.
  for (let i = 1; i <= 9; i++) {
    if (i === 6) {
      await tabUntil(page, (el) => el.tag === "BUTTON" && el.text === "Next");
      await page.keyboard.press("Enter");
      await expect(page.getByText("page 2 of 2")).toBeVisible();
    }
    await tabUntil(page, (el) => el.type === "radio" && el.label.startsWith(`${i}. `));
    await page.keyboard.press("Space");
    if (i !== 9) await page.keyboard.press("ArrowDown");
  }
  await tabUntil(page, (el) => el.tag === "BUTTON" && el.text === "Submit");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "can no longer be changed" })).toBeVisible();
  await expect(page.getByText("Submitted by Casey Lee")).toBeVisible();

  await signInAs(page, C.ana);
  await page.goto(`/dashboard/clients/${COUPLE}/forms`);
  await expect(page.getByTestId("sent-form").filter({ hasText: "PHQ-9" }).first()).toContainText("Total 8 · Mild");
});

test("the builder: every question type, required, reorder, preview; axe-clean at 360 px", async ({ page, a11y }) => {
  await signInAs(page, cast("forms-builder").ana);
  await page.goto("/dashboard/forms");
  await expect(page.getByRole("link", { name: "Consent for treatment" })).toBeVisible();
  await page.getByRole("link", { name: "PHQ-9" }).click();
  await expect(page.getByText("Make a copy to change it")).toBeVisible();
  await page.goto("/dashboard/forms/new");
  await page.getByLabel("Form title").fill("Weekly check-in");
  const types = [
    "Short text",
    "Long text",
    "Single choice",
    "Multiple choice",
    "Yes / no",
    "Date",
    "Number",
    "Scale",
    "Signature",
    "Section heading",
    "Info text",
  ];
  for (const [i, t] of types.entries()) {
    await page.getByLabel("Question type").selectOption({ label: t });
    await page.getByRole("button", { name: "Add question" }).click();
    const item = page.getByRole("listitem", { name: `Question ${i + 1}: ${t}` });
    await item.getByRole("textbox").first().fill(`${t} question`);
  }
  await page.getByRole("listitem", { name: "Question 1: Short text" }).getByLabel("Required").check();
  // Reorder: the heading moves to the top.
  for (let i = 10; i > 1; i--) await page.getByRole("button", { name: `Move up question ${i}` }).click();
  await expect(page.getByRole("main").getByRole("listitem").first()).toHaveAccessibleName(
    "Question 1: Section heading",
  );
  await a11y.check();
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByRole("heading", { name: "Section heading question" })).toBeVisible();
  await expect(page.getByLabel("Short text question")).toBeVisible();
  await a11y.check();
  await page.getByRole("button", { name: "Edit" }).click();
  await page.getByRole("button", { name: "Save form" }).click();
  await expect(page.getByRole("heading", { name: "Weekly check-in" })).toBeVisible();
  await expect(page.getByText("Version 1")).toBeVisible();
  await a11y.check();
  await page.getByLabel("Form title").fill("Weekly check-in (revised)");
  await page.getByRole("button", { name: "Save as version 2" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved as version 2" })).toBeVisible();
});
