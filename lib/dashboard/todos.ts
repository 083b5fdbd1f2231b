import "server-only";
import { and, eq, inArray, isNotNull, isNull, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import { db, execRows, type Db } from "@/db";
import { oneRow, placeholderPrincipal, principalValues, runPrepared } from "@/db/prepared";
import { clientProfiles, formResponses, invoices, profileAccess, safetyAlerts, users } from "@/db/schema";
import { inProfileScope } from "@/lib/profiles/access";
import { loginControlledBy } from "@/lib/profiles/login-control";
import type { StaffPrincipal } from "@/lib/core/principal";
import { newUploadsTodo } from "@/lib/documents";
import { unreadMessagesTodo } from "@/lib/messaging/messages";

/**
 * The dashboard's to-do list (what needs a clinician's attention, from every domain). Each domain contributes one or more sources: a label, where the
 * work is, and a count scoped to the acting principal (a clinician counts only their own clients, the admin
 * all). Sources with a zero count are listed as done. To add one, write a `TodoSource` in your domain and add
 * it to `todoSources` below (one line; keep the order: forms, documents, billing, then portal access).
 *
 * A to-do leads to the work itself (docs/decisions.md, Files): when there is exactly one item, `onlyHref` gives the
 * item's own page; with several, the source's `href` is a list of just those items. Counts are `count(*)` queries,
 * never rows loaded and counted, and all the sources' counts are read in one statement (`loadTodos`).
 */
export type TodoSource = {
  key: string;
  label: string;
  /** The list of the items (or, when a source has no better page, where the work is). */
  href: string;
  /**
   * The source's one aggregate row in the principal's scope, as a query not yet run: `n`, the count, and for a
   * source that can lead to its only item, `id` and `profile_id` (min() over one row is that row's). `loadTodos`
   * reads every source's row in one statement (docs/performance.md).
   */
  summary: (p: StaffPrincipal) => SQLWrapper;
  /** Where the to-do leads when there is exactly one item (otherwise `href`). */
  onlyHref?: (only: { id: string; profileId: string }) => string;
};

export type Todo = { key: string; label: string; href: string; count: number };

function countPortalUsers(p: StaffPrincipal, invited: boolean) {
  return db
    .select({ n: sql<number>`count(distinct ${users.id})::int`.as("n") })
    .from(profileAccess)
    .innerJoin(clientProfiles, eq(clientProfiles.id, profileAccess.profileId))
    .innerJoin(users, eq(users.id, profileAccess.userId))
    .where(
      and(
        inProfileScope(p),
        isNull(clientProfiles.archivedAt),
        // Only logins the actor manages (docs/decisions.md "Who manages a login"): a login shared with another
        // clinician's client is the admin's work, and its invite state is not this clinician's to read.
        loginControlledBy(p, users.id),
        eq(users.active, true),
        isNull(users.lastSignInAt),
        invited ? isNotNull(users.invitedAt) : isNull(users.invitedAt),
      ),
    );
}

/** Portal users (whose login the actor manages) on active profiles, never sent the welcome email, never signed in. */
export const notInvited: TodoSource = {
  key: "portal.not-invited",
  label: "Portal users not yet invited",
  href: "/dashboard/clients?todo=not-invited",
  summary: (p) => countPortalUsers(p, false),
};

/** Welcome email sent, but the person has not signed in yet. */
export const inviteNotAccepted: TodoSource = {
  key: "portal.invite-pending",
  label: "Invitations not yet accepted",
  href: "/dashboard/clients?todo=invite-pending",
  summary: (p) => countPortalUsers(p, true),
};

/**
 * How many rows of `table` match, in the principal's scope, and — when exactly one does — its id and profile (one
 * aggregate row: with a single row, min() is that row's value).
 */
function countWithOnly(table: PgTable, cols: { id: PgColumn; profileId: PgColumn }, p: StaffPrincipal, where: SQL) {
  return db
    .select({
      n: sql<number>`count(*)::int`.as("n"),
      id: sql<string | null>`min(${cols.id}::text)`.as("id"),
      profileId: sql<string | null>`min(${cols.profileId}::text)`.as("profile_id"),
    })
    .from(table)
    .innerJoin(clientProfiles, eq(clientProfiles.id, cols.profileId))
    .where(inProfileScope(p, where));
}

/** PHQ-9 item 9 above 0, not yet acknowledged (forms). One → its response; several → the dashboard's alert list. */
export const safetyAlertsTodo: TodoSource = {
  key: "forms.safety-alerts",
  label: "Safety alerts",
  href: "/dashboard#alerts-h",
  summary: (p) =>
    countWithOnly(
      safetyAlerts,
      { id: safetyAlerts.responseId, profileId: safetyAlerts.profileId },
      p,
      eq(safetyAlerts.acknowledged, false),
    ),
  onlyHref: (only) => `/dashboard/clients/${only.profileId}/forms/${only.id}`,
};

/** Submitted forms the clinician has not opened yet (forms). One → that response; several → the review list. */
export const formsToReview: TodoSource = {
  key: "forms.to-review",
  label: "Submitted forms to review",
  href: "/dashboard#review-h",
  summary: (p) =>
    countWithOnly(
      formResponses,
      { id: formResponses.id, profileId: formResponses.profileId },
      p,
      and(eq(formResponses.status, "submitted"), isNull(formResponses.reviewedAt))!,
    ),
  onlyHref: (only) => `/dashboard/clients/${only.profileId}/forms/${only.id}`,
};

/** Invoices sent and not fully paid (billing). One → that invoice; several → the list of unpaid invoices. */
export const unpaidInvoices: TodoSource = {
  key: "billing.unpaid",
  label: "Unpaid invoices",
  href: "/dashboard/invoices",
  summary: (p) =>
    countWithOnly(
      invoices,
      { id: invoices.id, profileId: invoices.profileId },
      p,
      inArray(invoices.status, ["sent", "partially_paid"]),
    ),
  onlyHref: (only) => `/dashboard/clients/${only.profileId}/billing/invoices/${only.id}`,
};

export const todoSources: TodoSource[] = [
  safetyAlertsTodo,
  formsToReview,
  newUploadsTodo,
  unreadMessagesTodo,
  unpaidInvoices,
  notInvited,
  inviteNotAccepted,
];

type Summary = { n: number; id?: string | null; profile_id?: string | null };

function toTodo(s: TodoSource, row: Summary | string | null): Todo {
  const r = (typeof row === "string" ? JSON.parse(row) : row) as Summary | null;
  const count = Number(r?.n ?? 0);
  const only = count === 1 && r?.id && r.profile_id ? { id: r.id, profileId: r.profile_id } : null;
  return { key: s.key, label: s.label, href: only && s.onlyHref ? s.onlyHref(only) : s.href, count };
}

const summaryOf = (s: TodoSource, p: StaffPrincipal) =>
  sql`(select row_to_json(${sql.identifier("t")}) from ${s.summary(p)} ${sql.identifier("t")})`;

/** Every source's summary as a column (`s0`, `s1`, …) of one SELECT; `todosOfRow` reads them back. */
export function todoColumns(p: StaffPrincipal, sources: TodoSource[] = todoSources): Record<string, SQL> {
  return Object.fromEntries(sources.map((s, i) => [`s${i}`, summaryOf(s, p)]));
}

/** The to-dos of a row with `todoColumns`' columns, in list order. */
export function todosOfRow(row: Record<string, unknown>, sources: TodoSource[] = todoSources): Todo[] {
  return sources.map((s, i) => toTodo(s, row[`s${i}`] as Summary | string | null));
}

/**
 * Every source's count for this principal, in list order, in one statement: a SELECT of one sub-select per source
 * (docs/performance.md). Should it fail, each source is read on its own, and a failing one is shown as
 * unavailable, not zero. The dashboard's home reads the same columns in its own statement (lib/dashboard/home.ts).
 */
export async function loadTodos(
  p: StaffPrincipal,
  sources: TodoSource[] = todoSources,
): Promise<(Todo & { error?: true })[]> {
  try {
    // The list of every source is built once per role (db/prepared.ts), the person its value; any other as asked.
    const select = (d: Db, q: StaffPrincipal) => d.select(todoColumns(q, sources)).from(oneRow());
    const [row] =
      sources === todoSources
        ? await runPrepared(
            `dashboard.todos.${p.role}`,
            (d) => select(d, placeholderPrincipal<StaffPrincipal>(p.role)).prepare(`dashboard_todos_${p.role}`),
            principalValues(p),
          )
        : await select(db, p);
    return todosOfRow(row, sources);
  } catch {
    return todosOneByOne(p, sources);
  }
}

/** Each source read on its own; a failing one is shown as unavailable, not zero. */
export function todosOneByOne(p: StaffPrincipal, sources: TodoSource[] = todoSources) {
  return Promise.all(
    sources.map(async (s) => {
      try {
        const [row] = await execRows<{ s: Summary | string | null }>(sql`select ${summaryOf(s, p)} as s`);
        return toTodo(s, row.s);
      } catch {
        return { key: s.key, label: s.label, href: s.href, count: 0, error: true as const };
      }
    }),
  );
}
