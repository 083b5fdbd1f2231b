import { redirect } from "next/navigation";
import { getPrincipal } from "@/lib/auth/auth";
import { landingPathFor } from "@/lib/auth/landing";

export const dynamic = "force-dynamic";

/** Where a fresh session lands (staff to the dashboard, clients to their profile: docs/product.md, Sign-in rule 9 and Profiles): a page, so server-action redirects can reach it. */
export default async function AfterSignIn() {
  const principal = await getPrincipal();
  redirect(principal ? await landingPathFor(principal) : "/sign-in");
}
