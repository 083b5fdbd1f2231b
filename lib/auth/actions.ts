"use server";

import { getCurrentSession, signIn, signOut } from "@/lib/auth/auth";
import { defineAction } from "@/lib/auth/action";
import { assertClient } from "@/lib/core/principal";
import {
  confirmLinkSchema,
  noInputSchema,
  passkeyIdSchema,
  passkeyResponseSchema,
  portalAccessSchema,
  recoveryCodeSchema,
  staffUserSchema,
  staySignedInSchema,
  switchProfileSchema,
  totpCodeSchema,
} from "@/lib/auth/schemas";
import { requireSecondFactorSession, safeNextPath } from "@/lib/auth/second-factor-session";
import {
  confirmTotpEnrolment,
  regenerateRecoveryCodes,
  removeTotp,
  resetSecondFactor,
  useRecoveryCode,
  verifyTotpCode,
} from "@/lib/auth/second-factor";
import {
  passkeyRegistrationOptions,
  passkeySecondFactorOptions,
  passkeySignInOptions,
  registerPasskey,
  removeMyPasskey,
  verifyPasskeySecondFactor,
} from "@/lib/auth/passkeys";
import { now } from "@/lib/core/clock";
import { redirect } from "next/navigation";
import { ValidationError } from "@/lib/core/errors";
import { AuthError } from "next-auth";
import { revalidatePath } from "next/cache";
import { switchActiveProfile } from "@/lib/auth/profile-switch";
import { generatePinCode, restorePortalAccess, revokePortalAccess, sendWelcomeEmail } from "@/lib/auth/portal-access";

/** Sign out ends the server-side session (docs/product.md, Sign-in rule 7), then returns to the landing page. */
export async function signOutAction() {
  await signOut({ redirectTo: "/" });
}

/**
 * The idle dialog's end (or its Sign out button). Reading the session first lets the server record an idle
 * expiry as such (auth.session_expired, reason idle) before the cookie is cleared.
 */
export async function idleSignOutAction(idle: boolean = true) {
  await getCurrentSession();
  await signOut({ redirectTo: idle ? "/sign-in?reason=idle" : "/" });
}

/** "Stay signed in": loading the session touches it, restarting the 15-minute idle clock. */
export const staySignedInAction = defineAction(
  { schema: staySignedInSchema, who: "signed-in", name: "staySignedIn" },
  async () => {
    const s = await getCurrentSession();
    return { remainingMs: s ? Math.max(0, Date.parse(s.idleDeadline) - now().getTime()) : 0 };
  },
);

/**
 * The confirm page's Sign In button: the only thing that consumes a link (docs/product.md, Sign-in rule 4).
 * A refused link goes back to its own confirm page, which now explains why and offers a new link.
 * ("Email Me a Link" and the PIN post to route handlers instead, so rate limits can answer 429.)
 */
export const confirmLinkAction = defineAction(
  { schema: confirmLinkSchema, who: "public", name: "confirmLink" },
  async ({ token }) => {
    try {
      await signIn("link", { token, redirectTo: "/after-sign-in" });
    } catch (e) {
      if (e instanceof AuthError) redirect(`/sign-in/confirm?token=${encodeURIComponent(token)}`);
      throw e;
    }
  },
);

/** The picker and the switcher: re-checks access in lib/auth (not yours → 404), then opens the portal home. */
// "signed-in", not "client": the picker runs before a profile is active, which who: "client" requires.
export const switchProfileAction = defineAction(
  { schema: switchProfileSchema, who: "signed-in", name: "switchProfile" },
  async ({ profileId }, { principal }) => {
    assertClient(principal);
    await switchActiveProfile(principal, profileId);
    // The portal layout (header switcher) must re-render too, not only the page.
    revalidatePath("/portal", "layout");
    redirect("/portal");
  },
);

/**
 * The client page's portal-access buttons. Staff only (defineAction), and lib/auth/portal-access.ts checks the
 * profile is in the actor's scope and the user holds access to it (a clinician acts only on their own clients).
 */
const page = (profileId: string) => `/dashboard/clients/${profileId}`;

export const sendWelcomeAction = defineAction(
  { schema: portalAccessSchema, who: "staff", name: "sendWelcome" },
  async ({ profileId, userId }, { principal }) => {
    await sendWelcomeEmail(principal, profileId, userId);
    revalidatePath(page(profileId));
    return { message: "Welcome email sent. Any earlier sign-in link for this person no longer works." };
  },
);

/** Returns the PIN once: it is shown on screen and never stored in clear (docs/product.md, Sign-in rules 5 and 8). */
export const generatePinAction = defineAction(
  { schema: portalAccessSchema, who: "staff", name: "generatePin" },
  async ({ profileId, userId }, { principal }) => {
    const pin = await generatePinCode(principal, profileId, userId);
    return { pin };
  },
);

export const revokeAccessAction = defineAction(
  { schema: portalAccessSchema, who: "staff", name: "revokeAccess" },
  async ({ profileId, userId }, { principal }) => {
    const { sessionsEnded } = await revokePortalAccess(principal, profileId, userId);
    revalidatePath(page(profileId));
    return { message: `Portal access revoked.${sessionsEnded ? " They were signed out." : ""}` };
  },
);

export const restoreAccessAction = defineAction(
  { schema: portalAccessSchema, who: "staff", name: "restoreAccess" },
  async ({ profileId, userId }, { principal }) => {
    await restorePortalAccess(principal, profileId, userId);
    revalidatePath(page(profileId));
    return { message: "Portal access restored. Send a welcome email or generate a PIN so they can sign in." };
  },
);

// ---- second factor and passkeys (docs/decisions.md "Second factor and passkeys") ----
// The verify and enrol actions are "public" in defineAction's sense because a staff session that has not passed
// its second factor has no principal (lib/auth/sessions.ts); each reads the session through
// requireSecondFactorSession, the one door for such a session, and lib/auth re-checks who may do what.

const afterSecondFactor = (next?: string) => safeNextPath(next) ?? "/after-sign-in";

/** The sign-in's second step with a code from the authenticator app; a code works once. */
export const verifyTotpAction = defineAction(
  { schema: totpCodeSchema, who: "public", name: "verifyTotp" },
  async ({ code, next }) => {
    const { principal } = await requireSecondFactorSession();
    await verifyTotpCode(principal, code);
    redirect(afterSecondFactor(next));
  },
);

/** A recovery code instead of the app: each works once. */
export const verifyRecoveryCodeAction = defineAction(
  { schema: recoveryCodeSchema, who: "public", name: "verifyRecoveryCode" },
  async ({ recoveryCode, next }) => {
    const { principal } = await requireSecondFactorSession();
    await useRecoveryCode(principal, recoveryCode);
    redirect(afterSecondFactor(next));
  },
);

/** Finishes setting up the authenticator app; returns the ten recovery codes, shown once. */
export const confirmTotpEnrolmentAction = defineAction(
  { schema: totpCodeSchema, who: "public", name: "confirmTotpEnrolment" },
  async ({ code }) => {
    const { principal, passed } = await requireSecondFactorSession();
    return { recoveryCodes: await confirmTotpEnrolment(principal, passed, code) };
  },
);

export const passkeyRegistrationOptionsAction = defineAction(
  { schema: noInputSchema, who: "public", name: "passkeyRegistrationOptions" },
  async () => {
    const { principal, passed } = await requireSecondFactorSession();
    return passkeyRegistrationOptions(principal, passed);
  },
);

export const registerPasskeyAction = defineAction(
  { schema: passkeyResponseSchema, who: "public", name: "registerPasskey" },
  async ({ challengeId, response }) => {
    const { principal, passed } = await requireSecondFactorSession();
    const added = await registerPasskey(principal, passed, challengeId, response);
    // No revalidatePath: re-rendering the enrolment page in this response would redirect (the person now has a
    // factor) while the button sends them on; the button refreshes or moves on itself (PasskeyButton).
    return { name: added.name, recoveryCodes: added.recoveryCodes };
  },
);

/** "Sign in with a passkey" on the sign-in page: a fresh challenge, for whoever holds a passkey for this site. */
export const passkeySignInOptionsAction = defineAction(
  { schema: noInputSchema, who: "public", name: "passkeySignInOptions" },
  async () => passkeySignInOptions(),
);

export const passkeySignInAction = defineAction(
  { schema: passkeyResponseSchema, who: "public", name: "passkeySignIn" },
  async ({ challengeId, response }) => {
    try {
      await signIn("passkey", { challengeId, response, redirectTo: "/after-sign-in" });
    } catch (e) {
      if (e instanceof AuthError)
        throw new ValidationError("That passkey didn't work. Try again, or use Email Me a Link.");
      throw e;
    }
  },
);

export const passkeySecondFactorOptionsAction = defineAction(
  { schema: noInputSchema, who: "public", name: "passkeySecondFactorOptions" },
  async () => {
    const { principal } = await requireSecondFactorSession();
    return passkeySecondFactorOptions(principal);
  },
);

export const verifyPasskeySecondFactorAction = defineAction(
  { schema: passkeyResponseSchema, who: "public", name: "verifyPasskeySecondFactor" },
  async ({ challengeId, response, next }) => {
    const { principal } = await requireSecondFactorSession();
    await verifyPasskeySecondFactor(principal, challengeId, response);
    return { next: afterSecondFactor(next) };
  },
);

/** The Security page: remove one of your own passkeys. */
export const removePasskeyAction = defineAction(
  { schema: passkeyIdSchema, who: "signed-in", name: "removePasskey" },
  async ({ passkeyId }, { principal }) => {
    await removeMyPasskey(principal, passkeyId);
    revalidatePath("/", "layout");
    return { message: "Passkey removed." };
  },
);

export const regenerateRecoveryCodesAction = defineAction(
  { schema: noInputSchema, who: "staff", name: "regenerateRecoveryCodes" },
  async (_input, { principal }) => ({ recoveryCodes: await regenerateRecoveryCodes(principal) }),
);

export const removeTotpAction = defineAction(
  { schema: noInputSchema, who: "staff", name: "removeTotp" },
  async (_input, { principal }) => {
    await removeTotp(principal);
    revalidatePath("/", "layout");
    return { message: "Authenticator app removed." };
  },
);

/** The admin's reset of a staff member's second factor: audited, the person is emailed and signed out. */
export const resetSecondFactorAction = defineAction(
  { schema: staffUserSchema, who: "admin", name: "resetSecondFactor", freshSecondFactor: true },
  async ({ userId }, { principal }) => {
    await resetSecondFactor(principal, userId);
    // The reset button goes away with the factors it reset, and its message with it: the page says it instead.
    redirect(`/admin/staff/${userId}?secondFactorReset=1`);
  },
);
