import "server-only";
import { listMyProfiles, type ProfileChoice } from "@/lib/profiles/queries";
import { findProfile } from "@/lib/profiles/access";
import { audit } from "@/lib/audit/write";
import type { ClientProfile } from "@/db/schema";
import { assertClient, type ClientPrincipal } from "@/lib/core/principal";
import { setActiveProfile } from "./sessions";

/**
 * The profile switcher and picker (docs/product.md, Profiles). Access is re-checked here, in the data layer: a
 * profile the user holds no access row for is NotFoundError (404), exactly like one that does not exist.
 */
export async function switchActiveProfile(p: ClientPrincipal, profileId: string): Promise<ClientProfile> {
  assertClient(p);
  const profile = await findProfile(p, profileId);
  await setActiveProfile(p.sessionId, profile.id);
  await audit({
    action: "profile.switch",
    actor: p,
    profileId: profile.id,
    targetType: "profile",
    targetId: profile.id,
  });
  return profile;
}

/**
 * The picker's data: the user's profiles, and whether the session's active profile was lost (access removed or
 * profile archived). A lost active profile is cleared so nothing keeps pointing at it.
 */
export async function pickerFor(p: ClientPrincipal): Promise<{ profiles: ProfileChoice[]; lostActive: boolean }> {
  assertClient(p);
  const profiles = await listMyProfiles(p);
  const lostActive = Boolean(p.activeProfileId && !profiles.some((x) => x.id === p.activeProfileId));
  if (lostActive) await setActiveProfile(p.sessionId, null);
  return { profiles, lostActive };
}
