"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { defineAction } from "@/lib/action";
import { switchActiveProfile } from "@/lib/auth/profile-switch";
import { switchProfileSchema } from "@/lib/auth/schemas";

/** The picker and the switcher: re-checks access in lib/auth (not yours → 404), then opens the portal home. */
export const switchProfileAction = defineAction({ schema: switchProfileSchema, who: "signed-in", name: "switchProfile" }, async ({ profileId }, { principal }) => {
  await switchActiveProfile(principal, profileId);
  // The portal layout (header switcher) must re-render too, not only the page.
  revalidatePath("/portal", "layout");
  redirect("/portal");
});
