import { test as base, expect, type BrowserContext, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { generate } from "otplib";
import { homeOf, totpSecretFor, type Person } from "./cast";

export { cast, type Cast, type Person } from "./cast";

/**
 * Every spec uses this `test`: after each page load it runs axe (WCAG 2.1 A/AA) and checks that nothing scrolls
 * sideways at the spec's width (360 px). Findings fail the test at its end, naming the page.
 */
type PageCheck = { url: string; problems: string[] };

async function checkPage(page: Page, url: string): Promise<PageCheck | null> {
  // A load this check was queued for, and the page has moved on since: that page's own load is checked instead.
  if (!url.startsWith("http") || page.isClosed() || page.url() !== url) return null;
  // The dev mailbox lists every email the suite's server sent (hundreds): a developer's tool, not a page people
  // use, whose axe run holds the page for tens of seconds on a busy machine while the spec is clicking in it.
  if (new URL(url).pathname === "/dev/mailbox") return null;
  // axe's last step runs in a blank page it opens in this context, and leaves it open when the checked page
  // navigates mid-run. An open page takes the focus from the test's page (WebAuthn then refuses to run), so any
  // blank page opened during this check is closed after it.
  const opened: Page[] = [];
  const onPage = (p: Page) => opened.push(p);
  page.context().on("page", onPage);
  try {
    // A client-side navigation changes the address before the new page's title is in the document (Next streams
    // it): a check that starts in between would see a page without a title. Every page has one, so wait for it
    // briefly; a page that never gets one is still reported by axe below.
    await page.waitForFunction(() => document.title !== "", null, { timeout: 5_000 }).catch(() => {});
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    const problems = results.violations.map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(" "))
          .slice(0, 3)
          .join(", ")}`,
    );
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    if (overflow > 1) problems.push(`scrolls sideways by ${overflow}px at ${page.viewportSize()?.width}px wide`);
    // A client-side navigation (a server action's redirect) changed the page while axe ran: what it saw was
    // neither this page nor the next one (between the two, the old title is gone and the new one not yet there).
    if (page.url() !== url) return null;
    return { url, problems };
  } catch {
    // The page navigated away while being checked; the next load is checked instead.
    return null;
  } finally {
    page.context().off("page", onPage);
    for (const p of opened) {
      if (!p.isClosed() && p.url() === "about:blank" && !(await p.opener().catch(() => null)))
        await p.close().catch(() => {});
    }
  }
}

export const test = base.extend<{ a11y: { check: () => Promise<void>; settled: () => Promise<void> } }>({
  a11y: [
    async ({ page }, use) => {
      // One check at a time, in load order, so each one's blank page is its own (see checkPage).
      const runs: Promise<PageCheck | null>[] = [];
      let queue: Promise<unknown> = Promise.resolve();
      const enqueue = (url: string) => {
        const run = queue.then(() => checkPage(page, url));
        queue = run.catch(() => null);
        return run;
      };
      const onLoad = () => runs.push(enqueue(page.url()));
      page.on("load", onLoad);
      await use({
        check: async () => {
          const r = await enqueue(page.url());
          if (r) expect(r.problems, `accessibility/layout problems on ${r.url}`).toEqual([]);
        },
        // Waits for the checks of the pages loaded so far (and so for axe's own page to close): WebAuthn needs the
        // test's page to have the focus.
        settled: async () => {
          await queue;
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
    const item = page
      .locator("li", { has: page.getByTestId("mail-to").filter({ hasText: to }) })
      .filter(subject ? { hasText: subject } : {})
      .first();
    await expect(item).toBeVisible({ timeout: 1000 });
    await item.getByRole("link").click();
    href = await page
      .getByRole("link", { name: /sign in|open the portal|open the dashboard/i })
      .first()
      .getAttribute("href");
    expect(href).toBeTruthy();
  }).toPass({ timeout: 60_000 });
  return href!;
}

/** Where a sign-in ends: the second-factor page (staff), or a page outside sign-in and its hand-over. */
export function landed(u: URL): boolean {
  return (
    u.pathname.startsWith("/sign-in/second-factor") ||
    (!u.pathname.startsWith("/sign-in") && u.pathname !== "/after-sign-in")
  );
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
  // Staff pass their second factor next (docs/decisions.md "Second factor and passkeys"): cast staff have an
  // authenticator app whose secret the tests know (e2e/cast.ts totpSecretFor).
  // The confirm page's POST goes through /after-sign-in, which sends staff on to the second-factor page: wait for
  // where the person lands, not for the first URL after the confirm page.
  await page.waitForURL(landed, { timeout: 30_000 }).catch(() => {});
  if (new URL(page.url()).pathname === "/sign-in/second-factor") await enterTotpCode(page, totpSecretFor(email));
}

/** A current code for a TOTP secret (RFC 6238: 30-second steps, 6 digits), as an authenticator app shows it. */
export async function totpCode(secret: string, at: number = Date.now()): Promise<string> {
  return generate({ secret, epoch: Math.floor(at / 1000) });
}

/**
 * Enters a code from the secret on the second-factor page. A code is accepted once (no replay), so if this
 * person's code of this 30-second step was already used, the next step's code is entered instead.
 */
export async function enterTotpCode(page: Page, secret: string) {
  const usedCodes = new Set<string>();
  for (let attempt = 0; attempt < 3; attempt++) {
    let code = await totpCode(secret);
    while (usedCodes.has(code)) {
      await page.waitForTimeout(1000);
      code = await totpCode(secret);
    }
    usedCodes.add(code);
    await page.getByLabel("6-digit code from your authenticator app").fill(code);
    await page.getByRole("button", { name: "Verify" }).click();
    const left = await page
      .waitForURL((u) => u.pathname !== "/sign-in/second-factor" && u.pathname !== "/after-sign-in", {
        timeout: 15_000,
      })
      .then(() => true)
      .catch(() => false);
    if (left) return;
  }
  throw new Error("the second-factor code was refused three times");
}

/**
 * First sign-in of a staff member without a second factor: reads the key shown on the enrolment page, enters a
 * code computed from it, and continues past the recovery codes. Returns the secret and the recovery codes.
 */
export async function enrolTotp(page: Page): Promise<{ secret: string; recoveryCodes: string[]; code: string }> {
  await expect(page).toHaveURL(/\/sign-in\/second-factor\/enrol$/);
  const secret = ((await page.getByTestId("totp-secret").textContent()) ?? "").replace(/\s+/g, "");
  const code = await totpCode(secret);
  await page.getByLabel("6-digit code from the app").fill(code);
  await page.getByRole("button", { name: "Turn on" }).click();
  await expect(page.getByRole("list", { name: "Recovery codes" })).toBeVisible();
  const recoveryCodes = await page.getByTestId("recovery-code").allTextContents();
  await page.getByRole("link", { name: "Continue" }).click();
  return { secret, recoveryCodes, code };
}

type StorageState = Awaited<ReturnType<BrowserContext["storageState"]>>;
type StoredSession = { state: StorageState; signedInAt: number; usedAt: number };

/**
 * Each person's session, signed in once per worker through the real flow and then reused (Playwright's
 * storageState). Every person belongs to one cast (e2e/cast.ts), and a cast to one spec or test, so one stored
 * session is never used by two tests at once: a session's active profile lives on the server.
 * Sessions end after 15 minutes idle and 12 hours in all (docs/product.md, Sign-in rule 7): one unused for 10 minutes
 * or older than 11 hours is replaced rather than trusted.
 */
const sessions = new Map<string, StoredSession>();
const IDLE_REUSE_MS = 10 * 60_000;
const ABSOLUTE_REUSE_MS = 11 * 60 * 60_000;
const signedInAs = new WeakMap<BrowserContext, string>();

async function storedSession(page: Page, person: Person): Promise<StorageState> {
  const now = Date.now();
  const saved = sessions.get(person.email);
  if (saved && now - saved.usedAt < IDLE_REUSE_MS && now - saved.signedInAt < ABSOLUTE_REUSE_MS) {
    saved.usedAt = now;
    return saved.state;
  }
  // A context of its own, so the test's page keeps its history and its axe checks stay on the test's pages.
  const browser = page.context().browser()!;
  const ctx = await browser.newContext({
    baseURL: test.info().project.use.baseURL,
    viewport: page.viewportSize() ?? undefined,
  });
  try {
    const p = await ctx.newPage();
    await signInByEmail(p, person.email);
    await p.waitForURL((u) => !u.pathname.startsWith("/sign-in") && u.pathname !== "/after-sign-in");
    const state = await ctx.storageState();
    sessions.set(person.email, { state, signedInAt: now, usedAt: now });
    return state;
  } finally {
    await ctx.close();
  }
}

/**
 * The one way specs become someone: the person's stored session (see above) replaces the page's cookies, and
 * the page opens the person's home. With `profile`, a client with several profiles picks that one in the
 * picker (docs/product.md, Profiles), whichever profile the stored session had last.
 */
export async function signInAs(page: Page, person: Person, opts: { profile?: RegExp } = {}): Promise<void> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const state = await storedSession(page, person);
    await page.context().clearCookies();
    await page.context().addCookies(state.cookies);
    signedInAs.set(page.context(), person.email);
    await page.goto(homeOf(person));
    if (!new URL(page.url()).pathname.startsWith("/sign-in")) break;
    // The session ended on the server (signed out, revoked, expired): sign in afresh once.
    sessions.delete(person.email);
    if (attempt === 1) throw new Error(`${person.email} could not sign in`);
  }
  if (opts.profile) {
    if (!/\/portal\/profiles$/.test(new URL(page.url()).pathname)) await page.goto("/portal/profiles");
    await page.getByRole("list", { name: "Your profiles" }).getByRole("button", { name: opts.profile }).click();
    await page.waitForURL(/\/portal$/);
  }
}

/** Signs out through the button, and forgets the stored session it ended. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Sign out" }).first().click();
  await expect(page).toHaveURL(/\/$|\/sign-in/);
  const email = signedInAs.get(page.context());
  if (email) sessions.delete(email);
  signedInAs.delete(page.context());
}
