import { redirect } from "next/navigation";
import { getPrincipal } from "@/lib/auth/auth";
import { landingPathFor } from "@/lib/auth/landing";
import { getSecondFactorSession } from "@/lib/auth/second-factor-session";

export const dynamic = "force-dynamic";

/**
 * Where a fresh session lands (staff to the dashboard, clients to their profile: docs/product.md, Sign-in rule 9 and
 * Profiles): a page, so server-action redirects can reach it. Staff who have not passed their second factor go to it
 * first (docs/decisions.md "Second factor and passkeys").
 */
export default async function AfterSignIn() {
  const principal = await getPrincipal();
  if (principal) redirect(await landingPathFor(principal));
  redirect((await getSecondFactorSession()) ? "/sign-in/second-factor" : "/sign-in");
}
