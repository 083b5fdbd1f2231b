import "server-only";
import { listMyProfiles } from "@/lib/profiles/queries";
import { audit } from "@/lib/audit/write";
import { setActiveProfile } from "./sessions";
import type { Principal } from "@/lib/core/principal";

/**
 * Staff land on their dashboard (admin on the admin area); a client with one profile goes straight to the portal
 * home with it active, one with several goes to the profile picker (docs/product.md, Profiles).
 */
export async function landingPathFor(p: Principal): Promise<string> {
  if (p.role === "admin") return "/admin";
  if (p.role === "clinician") return "/dashboard";
  const profiles = await listMyProfiles(p);
  if (profiles.length === 1) {
    if (p.activeProfileId !== profiles[0].id) {
      await setActiveProfile(p.sessionId, profiles[0].id);
      await audit({ action: "profile.switch", actor: p, profileId: profiles[0].id, detail: { automatic: true } });
    }
    return "/portal";
  }
  return "/portal/profiles";
}
