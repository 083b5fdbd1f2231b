import type { Page } from "@playwright/test";
import { test, expect, signInAs, latestEmailLink, cast, enrolTotp, enterTotpCode } from "./fixtures";

/**
 * Staff second factor and passkeys (docs/decisions.md "Second factor and passkeys"): enrolment before any PHI,
 * codes that work once, passkeys through Chromium's virtual authenticator, recovery codes, and the admin's reset.
 */

// Each test signs in several times through the mailbox; on a loaded machine that takes minutes.
test.describe.configure({ timeout: 300_000 });

/** The emailed-link part of signing in, without the second step (which these tests drive themselves). */
async function linkSignIn(page: Page, email: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Email Me a Link" }).click();
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
  const link = await latestEmailLink(page, email, /sign-in link/i);
  await page.goto(link);
  await page.getByRole("button", { name: "Sign In" }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/sign-in/confirm"));
}

/** Chromium's virtual WebAuthn authenticator: a platform authenticator with resident keys and user verification. */
async function addVirtualAuthenticator(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return cdp;
}

/**
 * Chromium runs a WebAuthn ceremony only for the page that has the focus; the a11y fixture's axe runs open a page of
 * their own for a moment, and signing in through a stored session uses another window. Wait for those, then focus.
 */
async function focusForPasskey(page: Page, a11y: { settled: () => Promise<void> }) {
  await a11y.settled();
  await page.bringToFront();
}

async function mailCount(page: Page, to: string): Promise<number> {
  await page.goto("/dev/mailbox");
  return page.locator("li", { has: page.getByTestId("mail-to").filter({ hasText: to }) }).count();
}

test("Ana must set up an authenticator app before any client page; a code signs her in once", async ({ page }) => {
  const C = cast("mfa-enrol");
  await linkSignIn(page, C.ana.email);
  await expect(page).toHaveURL(/\/sign-in\/second-factor\/enrol$/);

  // Direct URLs of a client's pages and files: the second-factor page or a refusal, never the record.
  await page.goto(`/dashboard/clients/${C.profiles.jordan}`);
  await expect(page).toHaveURL(/\/sign-in\/second-factor\/enrol$/);
  await expect(page.locator("body")).not.toContainText("Jordan");
  await page.goto("/dashboard/clients");
  await expect(page).toHaveURL(/\/sign-in\/second-factor/);
  const pdf = await page.request.get(`/api/forms/responses/${C.profiles.jordan}/pdf`);
  expect([401, 404]).toContain(pdf.status());

  const { secret, code } = await enrolTotp(page);
  await expect(page).toHaveURL(/\/dashboard$/);

  // Next sign-in: the code already used is refused; a new one from the app signs her in.
  await page.context().clearCookies();
  await linkSignIn(page, C.ana.email);
  await expect(page).toHaveURL(/\/sign-in\/second-factor$/);
  await page.getByLabel("6-digit code from your authenticator app").fill(code);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByText("That code didn't work").first()).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in\/second-factor$/);
  await enterTotpCode(page, secret);
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.goto(`/dashboard/clients/${C.profiles.jordan}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Jordan");
});

test("a passkey signs Jordan in with no email, and is Ana's second factor", async ({ page, a11y }) => {
  const C = cast("mfa-passkey");
  await addVirtualAuthenticator(page);

  // Jordan adds a passkey from the portal, then signs in with it: no email is sent.
  await signInAs(page, C.jordan, { profile: /^Jordan Lee/ });
  // The portal's navigation leads to the same page from anywhere.
  await expect(
    page.getByRole("navigation", { name: "Portal" }).getByRole("link", { name: "Security" }),
  ).toHaveAttribute("href", "/portal/security");
  await page.getByRole("link", { name: "Set up a passkey" }).click();
  await expect(page).toHaveURL(/\/portal\/security$/);
  await focusForPasskey(page, a11y);
  await page.getByRole("button", { name: "Add a passkey" }).click();
  await expect(page.getByText("Passkey added.")).toBeVisible();
  await expect(page.getByRole("list", { name: "Your passkeys" }).getByRole("listitem")).toHaveCount(1);
  const before = await mailCount(page, C.jordan.email);
  await page.context().clearCookies();
  await page.goto("/sign-in");
  await focusForPasskey(page, a11y);
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await expect(page).toHaveURL(/\/portal(\/profiles)?$/);
  expect(await mailCount(page, C.jordan.email)).toBe(before);

  // Ana's first sign-in: she sets up a passkey instead of an app; next time it is her second step.
  await page.context().clearCookies();
  await linkSignIn(page, C.ana.email);
  await expect(page).toHaveURL(/\/sign-in\/second-factor\/enrol$/);
  await focusForPasskey(page, a11y);
  await page.getByRole("button", { name: "Set up a passkey" }).click();
  // Her first factor comes with the ten recovery codes, shown once.
  await expect(page.getByRole("list", { name: "Recovery codes" }).getByTestId("recovery-code")).toHaveCount(10);
  await page.getByRole("link", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.context().clearCookies();
  await linkSignIn(page, C.ana.email);
  await expect(page).toHaveURL(/\/sign-in\/second-factor$/);
  await focusForPasskey(page, a11y);
  await page.getByRole("button", { name: "Use your passkey" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
});

test("a recovery code works once; the admin's reset forces re-enrolment and emails Ana", async ({ page }) => {
  test.slow(); // several people, each a sign-in: three times the usual minute
  const C = cast("mfa-recovery");
  await signInAs(page, C.ana);
  await page.getByRole("link", { name: "Security" }).click();
  await expect(page.getByTestId("totp-status")).toHaveText("On.");
  page.once("dialog", (d) => d.accept());
  await page.getByRole("button", { name: "Generate new recovery codes" }).click();
  // The codes appear when the action answers: wait for them before reading.
  const shown = page.getByRole("list", { name: "Recovery codes" }).getByTestId("recovery-code");
  await expect(shown).toHaveCount(10);
  const codes = await shown.allTextContents();

  await page.context().clearCookies();
  await linkSignIn(page, C.ana.email);
  await page.getByText("Use a recovery code").click();
  await page.getByLabel("Recovery code").fill(codes[0]);
  await page.getByRole("button", { name: "Use recovery code" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);

  await page.context().clearCookies();
  await linkSignIn(page, C.ana.email);
  await page.getByText("Use a recovery code").click();
  await page.getByLabel("Recovery code").fill(codes[0]);
  await page.getByRole("button", { name: "Use recovery code" }).click();
  await expect(page.getByText("That recovery code didn't work").first()).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in\/second-factor$/);

  // The admin resets Ana's second factor: audited, Ana is emailed, and her next sign-in enrols again.
  await page.context().clearCookies();
  await signInAs(page, C.admin);
  await page.getByRole("link", { name: "Staff" }).first().click();
  await page.getByRole("link", { name: C.ana.name }).click();
  page.once("dialog", (d) => d.accept());
  await page.getByRole("button", { name: "Reset second factor" }).click();
  await expect(page.getByText("Second factor reset.")).toBeVisible();
  await expect(page.getByTestId("second-factor-status")).toContainText("Not set up yet");
  await latestEmailLink(page, C.ana.email, /sign-in security was reset/i);
  await page.goto("/admin/audit?action=auth.second_factor_reset");
  await expect(page.getByTestId("audit-row").first()).toContainText("auth.second_factor_reset");

  await page.context().clearCookies();
  await linkSignIn(page, C.ana.email);
  await expect(page).toHaveURL(/\/sign-in\/second-factor\/enrol$/);
});
