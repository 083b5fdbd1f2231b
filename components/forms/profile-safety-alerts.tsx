import type { AlertRow } from "@/lib/forms/responses";
import { SafetyAlerts } from "./safety-alerts";

/** A client's open safety alerts, for the top of the client page (docs/product.md, Safety). Renders nothing when none. */
export function ProfileSafetyAlerts({ alerts }: { alerts: AlertRow[] }) {
  return <SafetyAlerts alerts={alerts} showClient={false} />;
}
