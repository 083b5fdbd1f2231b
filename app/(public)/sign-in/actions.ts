"use server";

import { redirect } from "next/navigation";
import { AuthError } from "next-auth";
import { defineAction } from "@/lib/action";
import { signIn } from "@/lib/auth/auth";
import { requestSignInLink } from "@/lib/auth/links";
import { confirmLinkSchema, emailLinkSchema } from "@/lib/auth/schemas";
import { requestMeta } from "@/lib/request";

/** "Email Me a Link": the same result for every address (PRODUCT.md sign-in rule 2). */
export const requestLinkAction = defineAction({ schema: emailLinkSchema, who: "public", name: "requestLink" }, async ({ email }) => {
  await requestSignInLink(email, await requestMeta());
  redirect("/sign-in/check-email");
});

/** The confirm page's Sign In button: the only thing that consumes a link (rule 4). */
export const confirmLinkAction = defineAction({ schema: confirmLinkSchema, who: "public", name: "confirmLink" }, async ({ token }) => {
  try {
    await signIn("link", { token, redirectTo: "/after-sign-in" });
  } catch (e) {
    if (e instanceof AuthError) redirect("/sign-in/confirm?state=invalid");
    throw e;
  }
});
