"use server";

import { signOut, getCurrentSession } from "@/lib/auth/auth";
import { defineAction } from "@/lib/action";
import { staySignedInSchema } from "@/lib/auth/schemas";
import { now } from "@/lib/clock";

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
export const staySignedInAction = defineAction({ schema: staySignedInSchema, who: "signed-in", name: "staySignedIn" }, async () => {
  const s = await getCurrentSession();
  return { remainingMs: s ? Math.max(0, Date.parse(s.idleDeadline) - now().getTime()) : 0 };
});
