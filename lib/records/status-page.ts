import "server-only";
import type { Principal } from "@/lib/core/principal";
import { formatDateTime } from "@/lib/core/time";
import { getPracticeSettings } from "@/lib/practice/settings";
import { getRecordsExport, kickRecordsExports } from "./export";

function sizeLabel(n: number | null): string | null {
  if (!n) return null;
  if (n < 1024 * 1024) return `${Math.max(1, Math.round(n / 1024))} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * What an export's status page shows, for its requester only (NotFoundError otherwise). Viewing it also wakes the
 * builder, so a job left by a server that stopped is picked up again once its lease lapsed.
 */
export async function viewRecordsExport(p: Principal, id: string) {
  const e = await getRecordsExport(p, id);
  if (e.status === "queued" || e.status === "running") kickRecordsExports();
  const { timeZone } = await getPracticeSettings();
  return {
    profileId: e.profileId,
    profileName: e.profileName,
    requestedAt: formatDateTime(e.createdAt, timeZone),
    status: {
      id: e.id,
      status: e.status,
      done: e.done,
      total: e.total,
      expiresAt: formatDateTime(e.expiresAt, timeZone),
      sizeLabel: sizeLabel(e.sizeBytes),
    },
  };
}
