"use server";

import { redirect } from "next/navigation";
import { defineAction } from "@/lib/action";
import { switchActiveProfile } from "@/lib/auth/profile-switch";
import { switchProfileSchema } from "@/lib/auth/schemas";

/** The picker and the switcher: re-checks access in lib/auth (not yours → 404), then opens the portal home. */
export const switchProfileAction = defineAction({ schema: switchProfileSchema, who: "signed-in", name: "switchProfile" }, async ({ profileId }, { principal }) => {
  await switchActiveProfile(principal, profileId);
  redirect("/portal");
});
