import { test as base, expect, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";

/**
 * Every spec uses this `test`: after each page load it runs axe (WCAG 2.1 A/AA) and checks that nothing scrolls
 * sideways at the spec's width (360 px). Findings fail the test at its end, naming the page.
 */
type PageCheck = { url: string; problems: string[] };

async function checkPage(page: Page): Promise<PageCheck | null> {
  const url = page.url();
  if (!url.startsWith("http")) return null;
  try {
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    const problems = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    if (overflow > 1) problems.push(`scrolls sideways by ${overflow}px at ${page.viewportSize()?.width}px wide`);
    return { url, problems };
  } catch {
    // The page navigated away while being checked; the next load is checked instead.
    return null;
  }
}

export const test = base.extend<{ a11y: { check: () => Promise<void> } }>({
  a11y: [
    async ({ page }, use) => {
      const runs: Promise<PageCheck | null>[] = [];
      const onLoad = () => runs.push(checkPage(page));
      page.on("load", onLoad);
      await use({
        check: async () => {
          const r = await checkPage(page);
          if (r) expect(r.problems, `accessibility/layout problems on ${r.url}`).toEqual([]);
        },
      });
      page.off("load", onLoad);
      const results = (await Promise.all(runs)).filter((r): r is PageCheck => r !== null && r.problems.length > 0);
      expect(results, "axe violations or sideways scrolling on pages this spec visited").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Opens the newest dev-mailbox message to `to` (optionally matching a subject) and returns its first link. */
export async function latestEmailLink(page: Page, to: string, subject?: RegExp): Promise<string> {
  let href: string | null = null;
  await expect(async () => {
    await page.goto("/dev/mailbox");
    const item = page.locator("li", { has: page.getByTestId("mail-to").filter({ hasText: to }) }).filter(subject ? { hasText: subject } : {}).first();
    await expect(item).toBeVisible({ timeout: 1000 });
    await item.getByRole("link").click();
    href = await page.getByRole("link", { name: /sign in|open the portal|open the dashboard/i }).first().getAttribute("href");
    expect(href).toBeTruthy();
  }).toPass({ timeout: 15_000 });
  return href!;
}

/** Signs in through the real flow: email form → dev mailbox → confirm page → Sign In. */
export async function signInByEmail(page: Page, email: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Email Me a Link" }).click();
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
  const link = await latestEmailLink(page, email, /sign-in link/i);
  await page.goto(link);
  await page.getByRole("button", { name: "Sign In" }).click();
}
