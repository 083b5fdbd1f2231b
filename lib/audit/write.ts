import "server-only";
import { sql } from "drizzle-orm";
import { db, type DbOrTx } from "@/db";
import { runPrepared } from "@/db/prepared";
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
  if (on !== db) return void (await on.insert(auditLog).values(row));
  await appendOutsideTransaction(row);
}

/**
 * Rows audited outside a transaction (a page's PHI view) are written by group commit (docs/decisions.md
 * "Audit rows by group commit"): the first is inserted at once; rows audited while that insert runs wait and go
 * together in the next one, a single multi-row INSERT. Each caller's promise settles only when the statement
 * holding its own row has committed, so a view is still audited before it is shown and a failed insert still
 * fails its request. If a batch fails, its rows are retried one by one, so one bad row fails only its own caller.
 */
const MAX_BATCH = 200;
type Waiting = { row: NewAuditEntry; done: (error?: unknown) => void };
let waiting: Waiting[] = [];
let writing = false;

function appendOutsideTransaction(row: NewAuditEntry): Promise<void> {
  return new Promise((resolve, reject) => {
    waiting.push({ row, done: (error) => (error === undefined ? resolve() : reject(error)) });
    if (!writing) void writeWaiting();
  });
}

/**
 * One row, the most common insert (a page view on a quiet server): a statement built once per set of columns
 * (db/prepared.ts), each column a placeholder, so whatever columns a row sets are the ones written.
 */
function insertOne(row: NewAuditEntry) {
  const columns = Object.keys(row) as (keyof NewAuditEntry)[];
  return runPrepared(
    `audit.insert.${columns.join(",")}`,
    (d) =>
      d
        .insert(auditLog)
        .values(Object.fromEntries(columns.map((c) => [c, sql.placeholder(c)])) as unknown as NewAuditEntry)
        .prepare(`audit_insert_${columns.length}`),
    row,
  );
}

async function writeWaiting() {
  writing = true;
  try {
    while (waiting.length) {
      const batch = waiting.slice(0, MAX_BATCH);
      waiting = waiting.slice(MAX_BATCH);
      try {
        if (batch.length === 1) await insertOne(batch[0].row);
        else await db.insert(auditLog).values(batch.map((w) => w.row));
        for (const w of batch) w.done();
      } catch (e) {
        if (batch.length === 1) batch[0].done(e ?? new Error("audit insert failed"));
        else
          for (const w of batch) {
            try {
              await insertOne(w.row);
              w.done();
            } catch (one) {
              w.done(one ?? new Error("audit insert failed"));
            }
          }
      }
    }
  } finally {
    writing = false;
  }
}
