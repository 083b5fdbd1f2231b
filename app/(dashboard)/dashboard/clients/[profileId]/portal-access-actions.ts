"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/action";
import { generatePinCode, restorePortalAccess, revokePortalAccess, sendWelcomeEmail } from "@/lib/auth/portal-access";
import { portalAccessSchema } from "@/lib/auth/schemas";

/**
 * The client page's portal-access buttons. Staff only (defineAction), and lib/auth/portal-access.ts checks the
 * profile is in the actor's scope and the user holds access to it (a clinician acts only on their own clients).
 */
const page = (profileId: string) => `/dashboard/clients/${profileId}`;

export const sendWelcomeAction = defineAction({ schema: portalAccessSchema, who: "staff", name: "sendWelcome" }, async ({ profileId, userId }, { principal }) => {
  await sendWelcomeEmail(principal, profileId, userId);
  revalidatePath(page(profileId));
  return { message: "Welcome email sent. Any earlier sign-in link for this person no longer works." };
});

/** Returns the PIN once: it is shown on screen and never stored in clear (docs/product.md, Sign-in rules 5 and 8). */
export const generatePinAction = defineAction({ schema: portalAccessSchema, who: "staff", name: "generatePin" }, async ({ profileId, userId }, { principal }) => {
  const pin = await generatePinCode(principal, profileId, userId);
  return { pin };
});

export const revokeAccessAction = defineAction({ schema: portalAccessSchema, who: "staff", name: "revokeAccess" }, async ({ profileId, userId }, { principal }) => {
  const { sessionsEnded } = await revokePortalAccess(principal, profileId, userId);
  revalidatePath(page(profileId));
  return { message: `Portal access revoked.${sessionsEnded ? " They were signed out." : ""}` };
});

export const restoreAccessAction = defineAction({ schema: portalAccessSchema, who: "staff", name: "restoreAccess" }, async ({ profileId, userId }, { principal }) => {
  await restorePortalAccess(principal, profileId, userId);
  revalidatePath(page(profileId));
  return { message: "Portal access restored. Send a welcome email or generate a PIN so they can sign in." };
});
