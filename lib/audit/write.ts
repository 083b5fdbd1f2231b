import "server-only";
import { db, type DbOrTx } from "@/db";
import { auditLog, type NewAuditEntry } from "@/db/schema";
import { now } from "@/lib/core/clock";
import { requestMeta } from "@/lib/core/http";
import type { Principal } from "@/lib/core/principal";
import type { AuditAction } from "./action-list";

export { AUDIT_ACTIONS, type AuditAction } from "./action-list";

export type AuditInput = {
  action: AuditAction;
  actor?: Pick<Principal, "userId" | "role"> | null;
  actorUserId?: string | null;
  actorRole?: string | null;
  profileId?: string | null;
  targetType?: string;
  targetId?: string;
  subject?: string;
  detail?: Record<string, unknown>;
  ip?: string | null;
  userAgent?: string | null;
};

/**
 * Appends one audit row. Pass the transaction when the audited change is a write, so the change and its
 * audit row commit together. The table refuses updates and deletes (migration 0001).
 */
export async function audit(input: AuditInput, on: DbOrTx = db): Promise<void> {
  const meta = input.ip === undefined ? await requestMeta() : { ip: input.ip, userAgent: input.userAgent ?? null };
  const row: NewAuditEntry = {
    at: now(),
    actorUserId: input.actor?.userId ?? input.actorUserId ?? null,
    actorRole: input.actor?.role ?? input.actorRole ?? null,
    profileId: input.profileId ?? null,
    action: input.action,
    targetType: input.targetType ?? null,
    targetId: input.targetId ?? null,
    subject: input.subject ?? null,
    ip: meta.ip,
    userAgent: meta.userAgent,
    detail: input.detail ?? null,
  };
  await on.insert(auditLog).values(row);
}
