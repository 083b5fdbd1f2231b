import "server-only";
import { alias } from "drizzle-orm/pg-core";
import { and, desc, eq, gte, ilike, lt, or, sql, type SQL } from "drizzle-orm";
import { db } from "@/db";
import { auditLog, clientProfiles, emailOutbox, users } from "@/db/schema";
import { NotFoundError } from "@/lib/core/errors";
import { escapeLike } from "@/lib/core/escape";
import { isAdmin, type Principal, type AdminPrincipal, assertAdmin } from "@/lib/core/principal";
import { isUuid } from "@/lib/core/validation";
import { getPracticeSettings } from "@/lib/practice/settings";
import { addDays, startOfDayInZone } from "@/lib/core/time";
import { audit } from "@/lib/audit/write";
import { AUDIT_ACTIONS, type AuditAction } from "@/lib/audit/action-list";
import { csvRow } from "@/lib/audit/csv";
import { EMAIL_STATUSES, type AuditFilters } from "@/lib/audit/schemas";

/** The audit log and email log are admin screens: for anyone else they do not exist (404). */
function requireAdmin(p: Principal) {
  if (!isAdmin(p)) throw new NotFoundError();
}

export const AUDIT_PAGE_SIZE = 50;
/** An export is capped so one request cannot hold the server; narrow the dates for more. */
export const AUDIT_EXPORT_MAX = 50_000;

const actor = alias(users, "actor");

async function whereFor(f: AuditFilters): Promise<SQL | undefined> {
  const conds: SQL[] = [];
  if (f.user)
    conds.push(isUuid(f.user) ? eq(auditLog.actorUserId, f.user) : ilike(actor.email, `%${escapeLike(f.user)}%`));
  if (f.profile)
    conds.push(
      isUuid(f.profile)
        ? eq(auditLog.profileId, f.profile)
        : ilike(clientProfiles.legalName, `%${escapeLike(f.profile)}%`),
    );
  if (f.action) conds.push(or(eq(auditLog.action, f.action), ilike(auditLog.action, `${escapeLike(f.action)}.%`))!);
  if (f.from || f.to) {
    const tz = (await getPracticeSettings()).timeZone;
    if (f.from) conds.push(gte(auditLog.at, startOfDayInZone(f.from, tz)));
    if (f.to) conds.push(lt(auditLog.at, startOfDayInZone(addDays(f.to, 1), tz)));
  }
  return conds.length ? and(...conds) : undefined;
}

const columns = {
  id: auditLog.id,
  at: auditLog.at,
  action: auditLog.action,
  actorUserId: auditLog.actorUserId,
  actorRole: auditLog.actorRole,
  actorEmail: actor.email,
  subject: auditLog.subject,
  profileId: auditLog.profileId,
  profileName: clientProfiles.legalName,
  targetType: auditLog.targetType,
  targetId: auditLog.targetId,
  ip: auditLog.ip,
  detail: auditLog.detail,
};
export type AuditRow = {
  id: number;
  at: Date;
  action: string;
  actorUserId: string | null;
  actorRole: string | null;
  actorEmail: string | null;
  subject: string | null;
  profileId: string | null;
  profileName: string | null;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  detail: Record<string, unknown> | null;
};

function baseQuery() {
  return db
    .select(columns)
    .from(auditLog)
    .leftJoin(actor, eq(actor.id, auditLog.actorUserId))
    .leftJoin(clientProfiles, eq(clientProfiles.id, auditLog.profileId));
}

/** One page of the audit log, newest first. */
export async function listAuditEntries(p: Principal, f: AuditFilters): Promise<{ rows: AuditRow[]; hasMore: boolean }> {
  requireAdmin(p);
  const rows = await baseQuery()
    .where(await whereFor(f))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(AUDIT_PAGE_SIZE + 1)
    .offset((f.page - 1) * AUDIT_PAGE_SIZE);
  return { rows: rows.slice(0, AUDIT_PAGE_SIZE), hasMore: rows.length > AUDIT_PAGE_SIZE };
}

/** Which filters are set, by name, with ids where the filter is an id: audit detail never carries a typed name or email. */
export function filterDetail(f: Partial<AuditFilters>): Record<string, unknown> {
  const set = (["user", "profile", "action", "from", "to"] as const).filter((k) => f[k]);
  return {
    filters: set,
    ...(f.user && isUuid(f.user) ? { userId: f.user } : {}),
    ...(f.profile && isUuid(f.profile) ? { profileId: f.profile } : {}),
    ...(f.action ? { action: f.action } : {}),
  };
}

/** The audit log page's data. The log shows clients' names and email addresses, so each view is audited too. */
export async function viewAuditLog(p: AdminPrincipal, f: AuditFilters) {
  assertAdmin(p);
  const page = await listAuditEntries(p, f);
  await audit({
    action: "audit.view",
    actor: p,
    targetType: "audit_log",
    detail: { ...filterDetail(f), page: f.page },
  });
  return page;
}

/** Every action the log can hold, for the filter's list: the closed list, not a scan of the table. */
export function listAuditActions(p: Principal): readonly AuditAction[] {
  requireAdmin(p);
  return [...AUDIT_ACTIONS].sort();
}

export const AUDIT_CSV_HEADER = [
  "id",
  "time_utc",
  "action",
  "actor_email",
  "actor_role",
  "actor_user_id",
  "subject",
  "profile_id",
  "profile_name",
  "target_type",
  "target_id",
  "ip",
  "detail",
];

/**
 * The CSV export with the page's filters. The export is itself audited (an admin action like any other: docs/product.md, Audit), written before the
 * rows are read so the file includes its own export row when the filters match it.
 */
export async function exportAuditCsv(p: Principal, f: AuditFilters): Promise<{ csv: string; rows: number }> {
  requireAdmin(p);
  const { page: _page, ...filters } = f;
  await audit({ action: "audit.export", actor: p, targetType: "audit_log", detail: filterDetail(filters) });
  const rows = await baseQuery()
    .where(await whereFor(f))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(AUDIT_EXPORT_MAX);
  let csv = csvRow(AUDIT_CSV_HEADER);
  for (const r of rows) {
    csv += csvRow([
      r.id,
      r.at,
      r.action,
      r.actorEmail,
      r.actorRole,
      r.actorUserId,
      r.subject,
      r.profileId,
      r.profileName,
      r.targetType,
      r.targetId,
      r.ip,
      r.detail,
    ]);
  }
  return { csv, rows: rows.length };
}

/* ---- the email log (from the outbox; never the bodies) ---- */

export type EmailLogRow = {
  id: string;
  to: string;
  subject: string;
  template: string;
  status: "pending" | "sending" | "sent" | "failed";
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
  nextAttemptAt: Date;
};

/** So staff can see why a client got no email: status, tries and the last error; never the message body. */
export async function listEmailLog(
  p: Principal,
  f: { to?: string; status?: string; page?: number },
): Promise<{ rows: EmailLogRow[]; hasMore: boolean; counts: Record<string, number> }> {
  requireAdmin(p);
  const conds: SQL[] = [];
  if (f.to) conds.push(ilike(emailOutbox.to, `%${escapeLike(f.to)}%`));
  if (f.status && (EMAIL_STATUSES as readonly string[]).includes(f.status))
    conds.push(eq(emailOutbox.status, f.status as EmailLogRow["status"]));
  const page = Math.max(1, f.page ?? 1);
  const rows = await db
    .select({
      id: emailOutbox.id,
      to: emailOutbox.to,
      subject: emailOutbox.subject,
      template: emailOutbox.template,
      status: emailOutbox.status,
      attempts: emailOutbox.attempts,
      lastError: emailOutbox.lastError,
      createdAt: emailOutbox.createdAt,
      sentAt: emailOutbox.sentAt,
      nextAttemptAt: emailOutbox.nextAttemptAt,
    })
    .from(emailOutbox)
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(desc(emailOutbox.createdAt), desc(emailOutbox.id))
    .limit(AUDIT_PAGE_SIZE + 1)
    .offset((page - 1) * AUDIT_PAGE_SIZE);
  const countRows = await db
    .select({ status: emailOutbox.status, n: sql<number>`count(*)::int` })
    .from(emailOutbox)
    .groupBy(emailOutbox.status);
  const counts: Record<string, number> = { pending: 0, sending: 0, sent: 0, failed: 0 };
  for (const c of countRows) counts[c.status] = c.n;
  return { rows: rows.slice(0, AUDIT_PAGE_SIZE), hasMore: rows.length > AUDIT_PAGE_SIZE, counts };
}

/** The email log page's data: recipients are clients' email addresses, so each view is audited (filter names only). */
export async function viewEmailLog(p: Principal, f: { to?: string; status?: string; page?: number }) {
  const result = await listEmailLog(p, f);
  await audit({
    action: "email_log.view",
    actor: p,
    targetType: "email_outbox",
    detail: { filters: (["to", "status"] as const).filter((k) => f[k]), page: f.page ?? 1 },
  });
  return result;
}
