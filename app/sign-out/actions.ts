"use server";

import { signOut } from "@/lib/auth/auth";

/** Sign out ends the server-side session (PRODUCT.md sign-in rule 7), then returns to the landing page. */
export async function signOutAction() {
  await signOut({ redirectTo: "/" });
}
