"use server";

import { redirect } from "next/navigation";
import { AuthError } from "next-auth";
import { defineAction } from "@/lib/action";
import { signIn } from "@/lib/auth/auth";
import { confirmLinkSchema } from "@/lib/auth/schemas";

/**
 * The confirm page's Sign In button: the only thing that consumes a link (docs/product.md, Sign-in rule 4).
 * A refused link goes back to its own confirm page, which now explains why and offers a new link.
 * ("Email Me a Link" and the PIN post to route handlers instead, so rate limits can answer 429.)
 */
export const confirmLinkAction = defineAction({ schema: confirmLinkSchema, who: "public", name: "confirmLink" }, async ({ token }) => {
  try {
    await signIn("link", { token, redirectTo: "/after-sign-in" });
  } catch (e) {
    if (e instanceof AuthError) redirect(`/sign-in/confirm?token=${encodeURIComponent(token)}`);
    throw e;
  }
});
