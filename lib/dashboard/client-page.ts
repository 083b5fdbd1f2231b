import "server-only";
import { isAdmin, type StaffPrincipal } from "@/lib/core/principal";
import { listPortalUsers } from "@/lib/auth/portal-access";
import { listOpenAlerts } from "@/lib/forms/responses";
import { getPracticeSettings } from "@/lib/practice/settings";
import { listAssignableClinicians, viewClient } from "@/lib/profiles/clients";

/**
 * Everything the client overview page shows, loaded here so its components only render: the profile (scoped;
 * viewClient writes the page's one profile.view audit row), open safety alerts, portal users and their sign-in
 * state, and for the admin the clinicians to reassign to.
 */
export async function viewClientPage(p: StaffPrincipal, profileId: string) {
  const detail = await viewClient(p, profileId);
  const [alerts, portal, practice, clinicians] = await Promise.all([
    listOpenAlerts(p, detail.profile.id),
    listPortalUsers(p, detail.profile.id),
    getPracticeSettings(),
    isAdmin(p) ? listAssignableClinicians() : Promise.resolve(null),
  ]);
  return { ...detail, alerts, portalUsers: portal.users, practice, clinicians };
}
