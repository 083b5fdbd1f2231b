import { redirect } from "next/navigation";
import { getPrincipal } from "@/lib/auth/auth";
import { landingPathFor } from "@/lib/auth/landing";

export const dynamic = "force-dynamic";

/** Where a fresh session lands (sign-in issue items 7 and 8): a page, so server-action redirects can reach it. */
export default async function AfterSignIn() {
  const principal = await getPrincipal();
  redirect(principal ? await landingPathFor(principal) : "/sign-in");
}
