import type { AlertRow } from "@/lib/forms/responses";
import { SafetyAlerts } from "./safety-alerts";

/** A client's open safety alerts, for the top of the client page (issue 5 item 5). Renders nothing when none. */
export function ProfileSafetyAlerts({ alerts }: { alerts: AlertRow[] }) {
  return <SafetyAlerts alerts={alerts} showClient={false} />;
}
