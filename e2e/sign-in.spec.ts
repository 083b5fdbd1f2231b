import type { Browser, Page } from "@playwright/test";
import { test, expect, signInByEmail, signInAs, latestEmailLink, cast } from "./fixtures";

/**
 * docs/product.md, Sign-in rules 1–9 and Profiles, as a person sees them. Links,
 * PINs, rate limits and sessions are per address, so each test has its own cast of people (e2e/cast.ts) and the
 * tests run in parallel. Where signing in is what a test checks, it signs in through the form (signInByEmail);
 * where it is only the way in, through the person's stored session (signInAs).
 */

async function requestLink(page: Page, email: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Email Me a Link" }).click();
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
  return latestEmailLink(page, email, /sign-in link/i);
}

/** A second person on another device: a fresh browser context with its own cookies. */
async function otherPerson(browser: Browser, baseURL: string | undefined) {
  const ctx = await browser.newContext({ baseURL, viewport: { width: 360, height: 780 } });
  return { ctx, page: await ctx.newPage() };
}

async function generatePinFor(page: Page, profileId: string, person: string): Promise<string> {
  await page.goto(`/dashboard/clients/${profileId}`);
  await page.getByRole("button", { name: `Generate PIN code for ${person}` }).click();
  const code = page.getByTestId("pin-code");
  await expect(code).toHaveText(/^\d{6}$/);
  return (await code.textContent())!.trim();
}

async function signInWithPin(page: Page, email: string, pin: string) {
  await page.goto("/sign-in/pin");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("PIN code").fill(pin);
  await page.getByRole("button", { name: "Sign In" }).click();
}

test("landing → I'm an Existing Client → Email Me a Link → check your inbox with tips and PIN sign-in", async ({
  page,
}) => {
  const C = cast("signin-landing");
  await page.goto("/");
  await page.getByRole("link", { name: "I'm an Existing Client" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.getByLabel("Email address").fill(C.alex.email);
  await page.getByRole("button", { name: "Email Me a Link" }).click();
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
  await page.getByText("Try these tips").click();
  await expect(page.getByText(/double-check the spelling/)).toBeVisible();
  await expect(page.getByText(/spam or junk folder/)).toBeVisible();
  await expect(page.getByText(/Add the sender as a contact/)).toBeVisible();
  await expect(page.getByText(/ask for a PIN code/)).toBeVisible();
  await page.getByRole("link", { name: "Sign in via PIN code" }).click();
  await expect(page.getByRole("heading", { name: "Sign in via PIN code" })).toBeVisible();
});

test("an unknown address gets the same page and status as a known one", async ({ page, request, baseURL }) => {
  const C = cast("signin-unknown");
  const origin = new URL(baseURL!).origin;
  const known = await request.post("/sign-in/request-link", {
    form: { email: C.alex.email },
    headers: { Origin: origin },
    maxRedirects: 0,
  });
  const unknown = await request.post("/sign-in/request-link", {
    form: { email: "nobody-here@example.com" },
    headers: { Origin: origin },
    maxRedirects: 0,
  });
  expect(unknown.status()).toBe(303);
  expect([unknown.status(), unknown.headers()["location"]]).toEqual([known.status(), known.headers()["location"]]);
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill("nobody-here@example.com");
  await page.getByRole("button", { name: "Email Me a Link" }).click();
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
  await page.goto("/dev/mailbox");
  await expect(page.getByTestId("mail-to").filter({ hasText: "nobody-here@example.com" })).toHaveCount(0);
});

test("Jordan signs in by link, sees the picker with both profiles, picks the couple profile, and the switcher shows it", async ({
  page,
}) => {
  const C = cast("signin-picker");
  const link = await requestLink(page, C.jordan.email);
  await page.goto(link);
  await expect(page.getByTestId("masked-email")).toHaveText(/^j•+@e•+\.com$/);
  await page.getByRole("button", { name: "Sign In" }).click();
  await expect(page).toHaveURL(/\/portal\/profiles$/);
  await expect(page.getByRole("heading", { name: "Choose a profile" })).toBeVisible();
  const list = page.getByRole("list", { name: "Your profiles" });
  await expect(list.getByRole("button", { name: /Jordan Lee/ }).first()).toContainText("Your own profile");
  const couple = list.getByRole("button", { name: /Jordan & Casey Lee/ });
  await expect(couple).toContainText("Couple");
  await couple.click();
  await expect(page).toHaveURL(/\/portal$/);
  await expect(page.getByTestId("active-profile")).toHaveText("Jordan & Casey Lee");
  for (const name of ["Home", "Forms", "Documents", "Billing"])
    await expect(page.getByRole("navigation", { name: "Portal" }).getByRole("link", { name })).toBeVisible();
  // The switcher changes it back.
  await page.getByRole("button", { name: /Active profile/ }).click();
  await page.getByRole("menuitem", { name: /Switch to Jordan Lee/ }).click();
  await expect(page.getByTestId("active-profile")).toHaveText("Jordan Lee");
  // Sign out ends the session.
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/$/);
  await page.goto("/portal");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("link A then link B: A explains it is no longer valid and offers a new one; B signs in; B again is refused", async ({
  page,
}) => {
  const C = cast("signin-supersede");
  const a = await requestLink(page, C.casey.email);
  const b = await requestLink(page, C.casey.email);
  expect(a).not.toEqual(b);
  await page.goto(a);
  await expect(page.getByRole("heading", { name: "This sign-in link is no longer valid" })).toBeVisible();
  await expect(page.getByTestId("invalid-reason")).toHaveText(/newer sign-in link was sent/);
  await expect(page.getByText(/work once, for 24 hours, and only the most recent one/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Email me a new link" })).toBeVisible();

  await page.goto(b);
  await page.getByRole("button", { name: "Sign In" }).click();
  await expect(page).toHaveURL(/\/portal$/); // Casey has one profile: straight to the portal home
  await expect(page.getByTestId("active-profile")).toHaveText("Jordan & Casey Lee");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/$/);

  await page.goto(b);
  await expect(page.getByRole("heading", { name: "This sign-in link is no longer valid" })).toBeVisible();
  await expect(page.getByTestId("invalid-reason")).toHaveText(/already used/);
  // One click sends a new link to the same account, without the address on the page or in the URL.
  await expect(page.locator("body")).not.toContainText(C.casey.email);
  await page.getByRole("button", { name: "Email me a new link" }).click();
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
  expect(page.url()).not.toContain("casey");
  const c = await latestEmailLink(page, C.casey.email, /sign-in link/i);
  expect(c).not.toEqual(b);
  await page.goto(c);
  await expect(page.getByRole("button", { name: "Sign In" })).toBeVisible();
});

test("10 GETs and 10 HEADs of a link leave it valid; confirm pages send same-origin referrers and no-store", async ({
  page,
  request,
}) => {
  const link = await requestLink(page, cast("signin-scanner").alex.email);
  // same-origin, not no-referrer: the token never leaves the site, and the Sign In post keeps a real Origin
  // (docs/decisions.md, Sign-in and sessions: Referrer policy).
  for (let i = 0; i < 10; i++) {
    const get = await request.get(link);
    expect(get.status()).toBe(200);
    expect(get.headers()["referrer-policy"]).toBe("same-origin");
    expect(get.headers()["cache-control"]).toContain("no-store");
    const head = await request.head(link);
    expect(head.status()).toBe(200);
  }
  await page.goto(link);
  await page.getByRole("button", { name: "Sign In" }).click();
  await expect(page).toHaveURL(/\/portal$/);
  // The refused page is a confirm page too.
  const used = await request.get(link);
  expect(used.headers()["cache-control"]).toContain("no-store");
  expect(used.headers()["referrer-policy"]).toBe("same-origin");
  expect(await used.text()).toContain("no longer valid");
});

test("a state-changing sign-in post from another origin is refused", async ({ request }) => {
  const res = await request.post("/sign-in/request-link", {
    form: { email: cast("signin-origin").alex.email },
    headers: { Origin: "https://evil.example" },
    maxRedirects: 0,
  });
  expect(res.status()).toBe(403);
});

test("Ana generates a PIN for Pat; Pat signs in with it once; it fails again; five wrong PINs burn a fresh one", async ({
  page,
  browser,
  baseURL,
}) => {
  test.slow(); // several people, each a sign-in: three times the usual minute
  const C = cast("signin-pin");
  await signInAs(page, C.ana);
  await expect(page).toHaveURL(/\/dashboard$/);
  const pin = await generatePinFor(page, C.profiles.pat, "Pat Park");

  const pat = await otherPerson(browser, baseURL);
  await signInWithPin(pat.page, C.pat.email, pin);
  await expect(pat.page).toHaveURL(/\/portal\/profiles$/);
  await expect(pat.page.getByRole("button", { name: /Mia Park/ })).toContainText("guardian");
  await pat.page.getByRole("button", { name: "Sign out" }).click();
  await expect(pat.page).toHaveURL(/\/$/);

  // The same PIN again: refused, with the same words a wrong address gets.
  await signInWithPin(pat.page, C.pat.email, pin);
  const error = pat.page.getByText("That email address and PIN code don't match");
  await expect(error).toBeVisible();
  await expect(pat.page).toHaveURL(/\/sign-in\/pin$/);
  await expect(pat.page.getByLabel("Email address")).toHaveValue(C.pat.email);
  await signInWithPin(pat.page, "nobody-here@example.com", pin);
  await expect(error).toBeVisible();

  // Five wrong tries burn a fresh PIN.
  const fresh = await generatePinFor(page, C.profiles.pat, "Pat Park");
  const wrong = String((Number(fresh) + 1) % 1_000_000).padStart(6, "0");
  for (let i = 0; i < 5; i++) {
    await signInWithPin(pat.page, C.pat.email, wrong);
    await expect(error).toBeVisible();
  }
  await signInWithPin(pat.page, C.pat.email, fresh);
  await expect(error).toBeVisible();
  await expect(pat.page).toHaveURL(/\/sign-in\/pin$/);
  await pat.ctx.close();
});

test("revoking Pat's access signs Pat out on the next request; restoring lets Pat back in", async ({
  page,
  browser,
  baseURL,
}) => {
  test.slow(); // several people, each a sign-in: three times the usual minute
  const C = cast("signin-revoke");
  const pat = await otherPerson(browser, baseURL);
  // Through the form, not a stored session: this session is the one revoking must end.
  await signInByEmail(pat.page, C.pat.email);
  await expect(pat.page).toHaveURL(/\/portal\/profiles$/);
  await pat.page.getByRole("button", { name: /Pat Park/ }).click();
  await expect(pat.page).toHaveURL(/\/portal$/);

  await signInAs(page, C.ana);
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.goto(`/dashboard/clients/${C.profiles.pat}`);
  const row = page.getByTestId("portal-user").filter({ hasText: C.pat.email });
  await expect(row.getByTestId("portal-status")).toHaveText("Active");
  await row.getByRole("button", { name: "Revoke portal access for Pat Park" }).click();
  await page
    .getByRole("dialog")
    .getByRole("button", { name: /^Yes, / })
    .click();
  await expect(row.getByTestId("portal-status")).toHaveText("Access revoked");

  await pat.page.reload();
  await expect(pat.page).toHaveURL(/\/sign-in/);
  // And no new link can be had meanwhile (same page, no email).
  await row.getByRole("button", { name: "Restore portal access for Pat Park" }).click();
  await expect(row.getByTestId("portal-status")).not.toHaveText("Access revoked");
  await signInByEmail(pat.page, C.pat.email);
  await expect(pat.page).toHaveURL(/\/portal\/profiles$/);
  await pat.ctx.close();
});

test("Ana sends a welcome email; the panel shows when; its link signs the client in", async ({
  page,
  browser,
  baseURL,
}) => {
  const C = cast("signin-welcome");
  await signInAs(page, C.ana);
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.goto(`/dashboard/clients/${C.profiles.jordan}`);
  const row = page.getByTestId("portal-user").filter({ hasText: C.jordan.email });
  await row.getByRole("button", { name: "Send welcome email to Jordan Lee" }).click();
  await expect(row.getByTestId("welcome-result")).toContainText("Welcome email sent");
  await expect(row).toContainText(/Invited/);
  const person = await otherPerson(browser, baseURL);
  const link = await latestEmailLink(person.page, C.jordan.email, /Welcome to/);
  await person.page.goto(link);
  await person.page.getByRole("button", { name: "Sign In" }).click();
  await expect(person.page).toHaveURL(/\/portal\/profiles$/);
  await person.ctx.close();
});

test("a clinician cannot open another clinician's client page (404)", async ({ page }) => {
  const C = cast("signin-clinician-404");
  await signInAs(page, C.sam);
  await expect(page).toHaveURL(/\/dashboard$/);
  const res = await page.goto(`/dashboard/clients/${C.profiles.pat}`);
  expect(res?.status()).toBe(404);
});

test("Casey cannot make 'Jordan Lee' her active profile by sending its id", async ({ page }) => {
  const C = cast("signin-forged-profile");
  await signInAs(page, C.casey);
  await expect(page).toHaveURL(/\/portal$/);
  await page.goto("/portal/profiles");
  const form = page.getByRole("list", { name: "Your profiles" }).locator("form").first();
  await expect(form.locator("input[name=profileId]")).toHaveValue(C.profiles.jordanCasey);
  await form
    .locator("input[name=profileId]")
    .evaluate((el, id) => ((el as HTMLInputElement).value = id), C.profiles.jordan);
  await form.getByRole("button").click();
  await expect(page.getByText("That profile is not available to you.")).toBeVisible();
  await page.goto("/portal");
  await expect(page.getByTestId("active-profile")).toHaveText("Jordan & Casey Lee");
});

test("staff use the same form: the admin lands on the admin area", async ({ page }) => {
  await signInByEmail(page, cast("signin-admin").admin.email);
  await expect(page).toHaveURL(/\/admin$/);
});

test("the idle dialog appears at 14 minutes, Stay signed in keeps the session, and 15 minutes idle signs out", async ({
  page,
}) => {
  await page.clock.install();
  // Through the form: the page's clock must run from the sign-in on, and this session ends here.
  await signInByEmail(page, cast("signin-idle").alex.email);
  await expect(page).toHaveURL(/\/portal$/);
  const dialog = page.getByRole("dialog", { name: "Are you still there?" });
  await expect(dialog).toBeHidden();
  await page.clock.fastForward("14:01");
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Stay signed in" })).toBeFocused();
  await dialog.getByRole("button", { name: "Stay signed in" }).click();
  await expect(dialog).toBeHidden();
  await page.clock.fastForward("13:00");
  await expect(dialog).toBeHidden();
  await page.clock.fastForward("02:30");
  await expect(page).toHaveURL(/\/sign-in\?reason=idle$/);
  await expect(page.getByText(/signed out after 15 minutes without activity/)).toBeVisible();
  await page.goto("/portal");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("without JavaScript, Email Me a Link still works and a mistake re-shows the form with the typed address", async ({
  browser,
  baseURL,
}) => {
  // A context of its own: the automatic axe check needs JavaScript in the page.
  const ctx = await browser.newContext({ baseURL, javaScriptEnabled: false, viewport: { width: 360, height: 780 } });
  const page = await ctx.newPage();
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill("not-an-email");
  await page.getByRole("button", { name: "Email Me a Link" }).click();
  await expect(page.getByText("Enter a valid email address")).toBeVisible();
  await expect(page.getByLabel("Email address")).toHaveValue("not-an-email");
  await page.getByLabel("Email address").fill(cast("signin-nojs").alex.email);
  await page.getByRole("button", { name: "Email Me a Link" }).click();
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
  await ctx.close();
});
