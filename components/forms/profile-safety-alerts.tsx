import type { Principal } from "@/lib/core/principal";
import { listOpenAlerts } from "@/lib/forms/responses";
import { SafetyAlerts } from "./safety-alerts";

/** A client's open safety alerts, for the top of the client page (docs/product.md, Safety). Renders nothing when none. */
export async function ProfileSafetyAlerts({ principal, profileId }: { principal: Principal; profileId: string }) {
  const alerts = await listOpenAlerts(principal, profileId);
  return <SafetyAlerts alerts={alerts} showClient={false} />;
}
