"use server";

import { getCurrentSession, signIn, signOut } from "@/lib/auth/auth";
import { defineAction } from "@/lib/auth/action";
import { assertClient } from "@/lib/core/principal";
import { confirmLinkSchema, portalAccessSchema, staySignedInSchema, switchProfileSchema } from "@/lib/auth/schemas";
import { now } from "@/lib/core/clock";
import { redirect } from "next/navigation";
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
