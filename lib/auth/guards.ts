import "server-only";
import { notFound, redirect } from "next/navigation";
import { expectClientPage, getPrincipal } from "./auth";
import { getSecondFactorSession } from "./second-factor-session";
import {
  isStaff,
  type AdminPrincipal,
  type ClientPrincipal,
  type Principal,
  type StaffPrincipal,
} from "@/lib/core/principal";
import { requireActiveProfile } from "@/lib/profiles/access";
import { isExpectedError } from "@/lib/core/errors";
import type { ClientProfile } from "@/db/schema";

/** For pages: a signed-in principal or a redirect to sign-in. Wrong role → 404 (no hint that the page exists). */
export async function requirePagePrincipal(who: "client"): Promise<ClientPrincipal>;
export async function requirePagePrincipal(who: "staff"): Promise<StaffPrincipal>;
export async function requirePagePrincipal(who: "admin"): Promise<AdminPrincipal>;
export async function requirePagePrincipal(who: "client" | "staff" | "admin"): Promise<Principal> {
  if (who === "client") expectClientPage();
  const p = await getPrincipal();
  // A staff session that has not passed its second factor has no principal: it is sent to pass it, never shown
  // the page (docs/decisions.md "Second factor and passkeys").
  if (!p) redirect((await getSecondFactorSession()) ? "/sign-in/second-factor" : "/sign-in");
  if (who === "client" && p.role !== "client") notFound();
  if (who === "staff" && !isStaff(p)) notFound();
  if (who === "admin" && p.role !== "admin") notFound();
  return p;
}

/** For portal pages: the client and their active profile, re-checked now; lost access → back to the picker. */
export async function requirePortalContext(): Promise<{ principal: ClientPrincipal; profile: ClientProfile }> {
  const principal = await requirePagePrincipal("client");
  try {
    const profile = await requireActiveProfile(principal);
    return { principal, profile };
  } catch (e) {
    if (isExpectedError(e)) redirect("/portal/profiles");
    throw e;
  }
}
