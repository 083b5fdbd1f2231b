import "server-only";
import { and, eq, inArray, isNotNull, isNull, sql, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import { db } from "@/db";
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
 * A to-do leads to the work itself (docs/decisions.md, Files): when there is exactly one item, `count` returns the
 * item's own page as `href`; with several, the source's `href` is a list of just those items. Counts are
 * `count(*)` queries, never rows loaded and counted.
 */
export type TodoSource = {
  key: string;
  label: string;
  /** The list of the items (or, when a source has no better page, where the work is). */
  href: string;
  count: (p: StaffPrincipal) => Promise<number | { count: number; href: string }>;
};

export type Todo = { key: string; label: string; href: string; count: number };

async function countPortalUsers(p: StaffPrincipal, invited: boolean): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`count(distinct ${users.id})::int` })
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
  return r?.n ?? 0;
}

/** Portal users (whose login the actor manages) on active profiles, never sent the welcome email, never signed in. */
export const notInvited: TodoSource = {
  key: "portal.not-invited",
  label: "Portal users not yet invited",
  href: "/dashboard/clients?todo=not-invited",
  count: (p) => countPortalUsers(p, false),
};

/** Welcome email sent, but the person has not signed in yet. */
export const inviteNotAccepted: TodoSource = {
  key: "portal.invite-pending",
  label: "Invitations not yet accepted",
  href: "/dashboard/clients?todo=invite-pending",
  count: (p) => countPortalUsers(p, true),
};

/**
 * How many rows of `table` match, in the principal's scope, and — when exactly one does — its id and profile (one
 * aggregate query: with a single row, min() is that row's value).
 */
async function countWithOnly(
  p: StaffPrincipal,
  table: PgTable,
  cols: { id: PgColumn; profileId: PgColumn },
  where: SQL,
): Promise<{ count: number; only: { id: string; profileId: string } | null }> {
  const [r] = await db
    .select({
      n: sql<number>`count(*)::int`,
      id: sql<string | null>`min(${cols.id}::text)`,
      profileId: sql<string | null>`min(${cols.profileId}::text)`,
    })
    .from(table)
    .innerJoin(clientProfiles, eq(clientProfiles.id, cols.profileId))
    .where(inProfileScope(p, where));
  const n = Number(r?.n ?? 0);
  return { count: n, only: n === 1 && r?.id && r.profileId ? { id: r.id, profileId: r.profileId } : null };
}

/** PHQ-9 item 9 above 0, not yet acknowledged (forms). One → its response; several → the dashboard's alert list. */
export const safetyAlertsTodo: TodoSource = {
  key: "forms.safety-alerts",
  label: "Safety alerts",
  href: "/dashboard#alerts-h",
  count: async (p) => {
    const [r] = await db
      .select({
        n: sql<number>`count(*)::int`,
        responseId: sql<string | null>`min(${safetyAlerts.responseId}::text)`,
        profileId: sql<string | null>`min(${safetyAlerts.profileId}::text)`,
      })
      .from(safetyAlerts)
      .innerJoin(clientProfiles, eq(clientProfiles.id, safetyAlerts.profileId))
      .where(inProfileScope(p, eq(safetyAlerts.acknowledged, false)));
    const n = Number(r?.n ?? 0);
    return {
      count: n,
      href:
        n === 1 && r?.responseId && r.profileId
          ? `/dashboard/clients/${r.profileId}/forms/${r.responseId}`
          : "/dashboard#alerts-h",
    };
  },
};

/** Submitted forms the clinician has not opened yet (forms). One → that response; several → the review list. */
export const formsToReview: TodoSource = {
  key: "forms.to-review",
  label: "Submitted forms to review",
  href: "/dashboard#review-h",
  count: async (p) => {
    const s = await countWithOnly(
      p,
      formResponses,
      { id: formResponses.id, profileId: formResponses.profileId },
      and(eq(formResponses.status, "submitted"), isNull(formResponses.reviewedAt))!,
    );
    return {
      count: s.count,
      href: s.only ? `/dashboard/clients/${s.only.profileId}/forms/${s.only.id}` : "/dashboard#review-h",
    };
  },
};

/** Invoices sent and not fully paid (billing). One → that invoice; several → the list of unpaid invoices. */
export const unpaidInvoices: TodoSource = {
  key: "billing.unpaid",
  label: "Unpaid invoices",
  href: "/dashboard/invoices",
  count: async (p) => {
    const s = await countWithOnly(
      p,
      invoices,
      { id: invoices.id, profileId: invoices.profileId },
      inArray(invoices.status, ["sent", "partially_paid"]),
    );
    return {
      count: s.count,
      href: s.only ? `/dashboard/clients/${s.only.profileId}/billing/invoices/${s.only.id}` : "/dashboard/invoices",
    };
  },
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

/** Every source's count for this principal, in list order. A failing source is shown as unavailable, not zero. */
export async function loadTodos(
  p: StaffPrincipal,
  sources: TodoSource[] = todoSources,
): Promise<(Todo & { error?: true })[]> {
  return Promise.all(
    sources.map(async (s) => {
      try {
        const c = await s.count(p);
        return typeof c === "number"
          ? { key: s.key, label: s.label, href: s.href, count: c }
          : { key: s.key, label: s.label, href: c.href, count: c.count };
      } catch {
        return { key: s.key, label: s.label, href: s.href, count: 0, error: true as const };
      }
    }),
  );
}
