import "server-only";
import { alias } from "drizzle-orm/pg-core";
import { and, desc, eq, gte, ilike, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import { db, execRows } from "@/db";
import { jsonList } from "@/db/json-list";
import { oneRow } from "@/db/prepared";
import {
  auditLog,
  clientProfiles,
  emailOutbox,
  formResponses,
  formTemplates,
  formTemplateVersions,
  invoices,
  paymentIntents,
  paymentMethods,
  payments,
  users,
} from "@/db/schema";
import { invoiceNumberLabel } from "@/lib/billing/format";
import { formatCents } from "@/lib/billing/money";
import { describeAudit, type AuditFacts } from "@/lib/audit/describe";
import { NotFoundError } from "@/lib/core/errors";
import { escapeLike } from "@/lib/core/escape";
import { isAdmin, type Principal, type AdminPrincipal, assertAdmin } from "@/lib/core/principal";
import { isUuid } from "@/lib/core/validation";
import { getPracticeSettings } from "@/lib/practice/settings";
import { addDays, startOfDayInZone } from "@/lib/core/time";
import { audit } from "@/lib/audit/write";
import { AUDIT_ACTIONS, type AuditAction } from "@/lib/audit/action-list";
import { csvRow } from "@/lib/audit/csv";
import { cursorKey, keysetPage, type KeysetPage, type PageRequest } from "@/lib/core/keyset";
import { EMAIL_STATUSES, type AuditFilters } from "@/lib/audit/schemas";

/** The audit log and email log are admin screens: for anyone else they do not exist (404). */
function requireAdmin(p: Principal) {
  if (!isAdmin(p)) throw new NotFoundError();
}

export const AUDIT_PAGE_SIZE = 50;
/** The email log still pages by number (it is one admin's small table, archived by the outbox). */
const EMAIL_LOG_PAGE_SIZE = 50;
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
  cursorKey: cursorKey(auditLog.at),
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
  /** The row's (at) as exact text, for its page cursor (lib/core/keyset.ts). */
  cursorKey: string;
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

/**
 * One page of the audit log, newest first, by keyset on (at, id) (lib/core/keyset.ts): the index
 * `audit_log_at_id_idx` (or the profile's / actor's composite one under those filters) is walked from the cursor, so
 * the thousandth page costs what the first does on a million rows.
 */
export async function listAuditEntries(
  p: Principal,
  f: AuditFilters,
  page: PageRequest = null,
): Promise<KeysetPage<AuditRow>> {
  requireAdmin(p);
  const where = await whereFor(f);
  return keysetPage(
    { sort: auditLog.at, id: auditLog.id, idType: "bigint" },
    page,
    AUDIT_PAGE_SIZE,
    (k, order, limit) =>
      baseQuery()
        .where(and(where, k))
        .orderBy(...order)
        .limit(limit),
  );
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

/** An entry with its sentence ("Pat Park paid invoice INV-0002 with Visa •••• 4242") and the names behind it. */
export type DescribedAuditRow<R = AuditRow> = R & { sentence: string; actorName: string };

const str = (v: unknown): string | null => (typeof v === "string" && v ? v : null);
const uuids = (xs: (string | null | undefined)[]) => [...new Set(xs.filter((x): x is string => !!x && isUuid(x)))];
const cardLabel = (c: { brand: string; last4: string }) =>
  `${c.brand ? c.brand[0].toUpperCase() + c.brand.slice(1) : "Card"} •••• ${c.last4}`;

/**
 * Puts each entry into words (lib/audit/describe.ts): every name the page needs (people, invoices, payments,
 * cards, forms) in one statement, a list per kind (db/json-list.ts), never one query per row or per kind. A
 * payment attempt's payer and card, and a payment's invoice, are found by the same statement from the attempt or
 * payment it names. The sentences name people and clients, as the page already did; the log page is admin-only
 * and each view of it is audited.
 */
export async function describeAuditRows<R extends Omit<AuditRow, "cursorKey">>(
  rows: R[],
): Promise<DescribedAuditRow<R>[]> {
  const targets = (type: string) => rows.filter((r) => r.targetType === type).map((r) => r.targetId);
  const ids = {
    intentIds: uuids(rows.map((r) => str(r.detail?.paymentIntentId))),
    paymentIds: uuids(targets("payment")),
    userIds: uuids([...rows.map((r) => r.actorUserId), ...targets("user"), ...rows.map((r) => str(r.detail?.to))]),
    invoiceIds: uuids([...targets("invoice"), ...rows.map((r) => str(r.detail?.invoiceId))]),
    methodIds: uuids(targets("payment_method")),
    responseIds: uuids(targets("form_response")),
    templateIds: uuids([...targets("form_template"), ...rows.map((r) => str(r.detail?.templateId))]),
  };
  const names = Object.values(ids).some((list) => list.length) ? (await auditNamesQuery(ids))[0] : null;
  const {
    intents = [],
    paymentRows = [],
    people = [],
    invoiceRows = [],
    methods = [],
    responses = [],
    templates = [],
  } = names ?? {};
  const personName = new Map(people.map((u) => [u.id, u.name ?? u.email]));
  const invoiceNo = new Map(invoiceRows.map((i) => [i.id, invoiceNumberLabel(i.number)]));
  const card = new Map(methods.map((m) => [m.id, cardLabel(m)]));
  const intent = new Map(intents.map((i) => [i.id, i]));
  const payment = new Map(paymentRows.map((p) => [p.id, p]));
  const formTitle = new Map([...responses, ...templates].map((f) => [f.id, f.title]));
  const get = <T>(m: Map<string, T>, k: string | null | undefined) => (k ? (m.get(k) ?? null) : null);

  return rows.map((r) => {
    const it = get(intent, str(r.detail?.paymentIntentId));
    const pay = r.targetType === "payment" ? get(payment, r.targetId) : null;
    const invoiceId = r.targetType === "invoice" ? r.targetId : (pay?.invoiceId ?? str(r.detail?.invoiceId));
    const amountCents = it?.amountCents ?? pay?.amountCents ?? null;
    // A provider event has no acting user: the payer is whoever started the payment.
    const actorName =
      get(personName, r.actorUserId) ??
      get(personName, it?.payerId) ??
      (r.actorRole === "system"
        ? r.action.startsWith("payment.")
          ? "The payment provider"
          : "The system"
        : "Someone");
    const facts: AuditFacts = {
      actor: actorName,
      client: r.profileName,
      person: r.targetType === "user" ? get(personName, r.targetId) : get(personName, str(r.detail?.to)),
      invoice: get(invoiceNo, invoiceId),
      card: r.targetType === "payment_method" ? get(card, r.targetId) : get(card, it?.methodId),
      amount: amountCents === null ? null : formatCents(amountCents as never),
      form:
        r.targetType === "form_response" || r.targetType === "form_template"
          ? get(formTitle, r.targetId)
          : get(formTitle, str(r.detail?.templateId)),
      subject: r.subject,
      detail: r.detail,
    };
    return { ...r, actorName, sentence: describeAudit(r.action, facts) };
  });
}

/** The rows an audit page's entries name, by kind; ids that name nothing are simply not found. */
function auditNamesQuery(
  ids: Record<
    "intentIds" | "paymentIds" | "userIds" | "invoiceIds" | "methodIds" | "responseIds" | "templateIds",
    string[]
  >,
) {
  // A column of the payment attempts the entries name (their payer, their card).
  const ofIntents = (column: typeof paymentIntents.initiatedByUserId | typeof paymentIntents.paymentMethodId) =>
    db.select({ id: column }).from(paymentIntents).where(inArray(paymentIntents.id, ids.intentIds));
  return db
    .select({
      intents: jsonList(
        {
          id: paymentIntents.id,
          amountCents: paymentIntents.amountCents,
          payerId: paymentIntents.initiatedByUserId,
          methodId: paymentIntents.paymentMethodId,
        },
        (row) => db.select({ row }).from(paymentIntents).where(inArray(paymentIntents.id, ids.intentIds)),
      ),
      paymentRows: jsonList(
        { id: payments.id, invoiceId: payments.invoiceId, amountCents: payments.amountCents },
        (row) => db.select({ row }).from(payments).where(inArray(payments.id, ids.paymentIds)),
      ),
      // The actors and people the entries name, and the payer of each payment attempt they name.
      people: jsonList({ id: users.id, name: users.name, email: users.email }, (row) =>
        db
          .select({ row })
          .from(users)
          .where(or(inArray(users.id, ids.userIds), inArray(users.id, ofIntents(paymentIntents.initiatedByUserId)))),
      ),
      // The invoices the entries name, and the invoice of each payment they name.
      invoiceRows: jsonList({ id: invoices.id, number: invoices.number }, (row) =>
        db
          .select({ row })
          .from(invoices)
          .where(
            or(
              inArray(invoices.id, ids.invoiceIds),
              inArray(
                invoices.id,
                db.select({ id: payments.invoiceId }).from(payments).where(inArray(payments.id, ids.paymentIds)),
              ),
            ),
          ),
      ),
      // The cards the entries name, and the card of each payment attempt they name.
      methods: jsonList({ id: paymentMethods.id, brand: paymentMethods.brand, last4: paymentMethods.last4 }, (row) =>
        db
          .select({ row })
          .from(paymentMethods)
          .where(
            or(
              inArray(paymentMethods.id, ids.methodIds),
              inArray(paymentMethods.id, ofIntents(paymentIntents.paymentMethodId)),
            ),
          ),
      ),
      responses: jsonList({ id: formResponses.id, title: formTemplateVersions.title }, (row) =>
        db
          .select({ row })
          .from(formResponses)
          .innerJoin(formTemplateVersions, eq(formTemplateVersions.id, formResponses.templateVersionId))
          .where(inArray(formResponses.id, ids.responseIds)),
      ),
      templates: jsonList({ id: formTemplates.id, title: formTemplates.title }, (row) =>
        db.select({ row }).from(formTemplates).where(inArray(formTemplates.id, ids.templateIds)),
      ),
    })
    .from(oneRow());
}

/** The audit log page's data. The log shows clients' names and email addresses, so each view is audited too. */
export async function viewAuditLog(p: AdminPrincipal, f: AuditFilters, page: PageRequest = null) {
  assertAdmin(p);
  const found = await listAuditEntries(p, f, page);
  const described = await describeAuditRows(found.rows);
  await audit({
    action: "audit.view",
    actor: p,
    targetType: "audit_log",
    // Which way the reader paged, not the cursor: ids of the rows shown are in the log already.
    detail: { ...filterDetail(f), page: page?.dir ?? "newest" },
  });
  return { ...found, rows: described };
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
  "description",
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

/** Rows read (and described) per query while the CSV streams out. */
export const AUDIT_EXPORT_BATCH = 1000;

/**
 * The CSV export with the page's filters, as a stream: rows are read in batches of AUDIT_EXPORT_BATCH, newest
 * first, each batch after the last row of the one before (keyset: `(at, id)` below that row's, compared in the
 * database at full precision), and a batch is read only when the reader has taken the one before (a pull stream
 * with room for one chunk), so a 50,000-row export never sits in memory as one string. The export is itself
 * audited (an admin action like any other: docs/product.md, Audit), written before the rows are read so the file
 * includes its own export row when the filters match it; a person who is not the admin gets NotFoundError before
 * any byte.
 */
export async function streamAuditCsv(
  p: Principal,
  f: AuditFilters,
  onRows: (n: number) => void = () => {},
): Promise<ReadableStream<Uint8Array>> {
  requireAdmin(p);
  await audit({ action: "audit.export", actor: p, targetType: "audit_log", detail: filterDetail(f) });
  const where = await whereFor(f);
  const encoder = new TextEncoder();
  let lastId: number | null = null;
  let sent = 0;
  let started = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!started) {
          started = true;
          controller.enqueue(encoder.encode(csvRow(AUDIT_CSV_HEADER)));
          return;
        }
        const take = Math.min(AUDIT_EXPORT_BATCH, AUDIT_EXPORT_MAX - sent);
        const rows =
          take > 0
            ? await baseQuery()
                .where(
                  lastId === null
                    ? where
                    : and(
                        where,
                        sql`(${auditLog.at}, ${auditLog.id}) < (select a.at, a.id from audit_log a where a.id = ${lastId})`,
                      ),
                )
                .orderBy(desc(auditLog.at), desc(auditLog.id))
                .limit(take)
            : [];
        if (rows.length === 0) {
          controller.close();
          return;
        }
        sent += rows.length;
        onRows(rows.length);
        lastId = rows[rows.length - 1].id;
        let chunk = "";
        for (const r of await describeAuditRows(rows)) {
          chunk += csvRow([
            r.id,
            r.at,
            r.action,
            r.sentence,
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
        controller.enqueue(encoder.encode(chunk));
        if (rows.length < take) controller.close();
      },
    },
    { highWaterMark: 1 },
  );
}

/** The whole export as one string (tests and small callers); the route streams it (streamAuditCsv). */
export async function exportAuditCsv(p: Principal, f: AuditFilters): Promise<{ csv: string; rows: number }> {
  let rows = 0;
  const stream = await streamAuditCsv(p, f, (n) => (rows += n));
  const csv = await new Response(stream).text();
  return { csv, rows };
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

/** The email log's totals stop counting here; past it the page says "1,000+". */
export const EMAIL_COUNT_CAP = 1000;

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
    .limit(EMAIL_LOG_PAGE_SIZE + 1)
    .offset((page - 1) * EMAIL_LOG_PAGE_SIZE);
  // Capped counts, not the whole outbox on every view: each status counts at most EMAIL_COUNT_CAP + 1 rows
  // through the (status, next_attempt_at) index, one statement for the four, and the page shows "1,000+" past the
  // cap (docs/decisions.md "Email outbox": retention and the log's totals).
  const capped = (s: EmailLogRow["status"]) =>
    sql`(SELECT count(*)::int FROM (SELECT 1 FROM ${emailOutbox} WHERE ${emailOutbox.status} = ${s} LIMIT ${EMAIL_COUNT_CAP + 1}) c)`;
  const [countRow] = await execRows<Record<EmailLogRow["status"], number>>(
    sql`SELECT ${capped("pending")} AS pending, ${capped("sending")} AS sending, ${capped("sent")} AS sent, ${capped("failed")} AS failed`,
  );
  const counts: Record<string, number> = { pending: 0, sending: 0, sent: 0, failed: 0 };
  for (const s of EMAIL_STATUSES) counts[s] = Number(countRow?.[s] ?? 0);
  return { rows: rows.slice(0, EMAIL_LOG_PAGE_SIZE), hasMore: rows.length > EMAIL_LOG_PAGE_SIZE, counts };
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
