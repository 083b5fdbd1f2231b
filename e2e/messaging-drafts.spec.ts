import type { Page } from "@playwright/test";
import { test, expect, signInAs, signOut, cast } from "./fixtures";

/**
 * docs/decisions.md, Messaging: drafts. What a person types and has not sent is kept for them: through signing out
 * and back in, through leaving the page before the save was due; a partner on the same profile never sees it; the
 * send removes it.
 */
const COUPLE = /Jordan & Casey Lee/;

async function openMessages(page: Page) {
  await page.getByRole("navigation", { name: "Portal" }).getByRole("link", { name: "Messages" }).click();
  await expect(page.getByRole("heading", { name: "Messages", level: 1 })).toBeVisible();
}

test("an unsent message is kept through signing out and leaving the page; Casey never sees it; sending removes it", async ({
  page,
  browser,
  a11y,
}) => {
  test.slow(); // two people, three sign-ins
  const C = cast("messaging-drafts");
  await signInAs(page, C.jordan, { profile: COUPLE });
  await openMessages(page);
  const field = page.getByLabel("Your message");
  const first = "About Thursday: I have been thinking about what you said,\nand";
  await field.fill(first);
  await expect(page.getByTestId("draft-note")).toHaveText("Draft saved.");

  // Signed out (or the session ran out): the text is there on the next sign-in.
  await signOut(page);
  await signInAs(page, C.jordan, { profile: COUPLE });
  await openMessages(page);
  await expect(field).toHaveValue(first);
  await expect(page.getByTestId("draft-note")).toHaveText("Your unsent message from before is kept here.");
  await a11y.check();

  // Casey, on the same couple profile, has an empty field.
  const ctx = await browser.newContext({ baseURL: test.info().project.use.baseURL, viewport: page.viewportSize() });
  const casey = await ctx.newPage();
  await signInAs(casey, C.casey, { profile: COUPLE });
  await openMessages(casey);
  await expect(casey.getByLabel("Your message")).toHaveValue("");
  await expect(casey.getByTestId("draft-note")).toHaveText("");
  await ctx.close();

  // More typed, and the page left at once (before the save was due): it is saved as the page goes.
  const more = `${first} I would like to talk about it together.`;
  await field.fill(more);
  await page.getByRole("navigation", { name: "Portal" }).getByRole("link", { name: "Home" }).click();
  await expect(page).toHaveURL(/\/portal$/);
  await expect
    .poll(async () => {
      await page.goto("/portal/messages");
      return field.inputValue();
    })
    .toBe(more);

  // Sent: the draft is gone; the field is empty after a reload.
  await page.getByRole("button", { name: "Send message" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Message sent." })).toBeVisible();
  await expect(page.getByTestId("message").last()).toContainText("I would like to talk about it together.");
  await page.reload();
  await expect(field).toHaveValue("");
  await expect(page.getByTestId("draft-note")).toHaveText("");
});
