import "server-only";
import { and, eq, isNotNull, isNull, sql } from "drizzle-orm";
import { db } from "@/db";
import { clientProfiles, profileAccess, users } from "@/db/schema";
import { inProfileScope } from "@/lib/profiles/access";
import { loginControlledBy } from "@/lib/profiles/login-control";
import type { StaffPrincipal } from "@/lib/core/principal";
import { countUnpaidInvoices } from "@/lib/billing/invoices";
import { listOpenAlerts, listSubmissionsToReview } from "@/lib/forms/responses";
import { newUploadsTodo } from "@/lib/documents";

/**
 * The dashboard's to-do list (what needs a clinician's attention, from every domain). Each domain contributes one or more sources: a label, where the
 * work is, and a count scoped to the acting principal (a clinician counts only their own clients, the admin
 * all). Sources with a zero count are listed as done. To add one, write a `TodoSource` in your domain and add
 * it to `todoSources` below (one line; keep the order: forms, documents, billing, then portal access).
 */
export type TodoSource = {
  key: string;
  label: string;
  href: string;
  count: (p: StaffPrincipal) => Promise<number>;
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

/** PHQ-9 item 9 above 0, not yet acknowledged (forms). */
export const safetyAlerts: TodoSource = {
  key: "forms.safety-alerts",
  label: "Safety alerts",
  href: "/dashboard#alerts-h",
  count: async (p) => (await listOpenAlerts(p)).length,
};

/** Submitted forms the clinician has not opened yet (forms). */
export const formsToReview: TodoSource = {
  key: "forms.to-review",
  label: "Submitted forms to review",
  href: "/dashboard#review-h",
  count: async (p) => (await listSubmissionsToReview(p, 500)).length,
};

/** Invoices sent and not fully paid (billing). */
export const unpaidInvoices: TodoSource = {
  key: "billing.unpaid",
  label: "Unpaid invoices",
  href: "/dashboard/invoices",
  count: (p) => countUnpaidInvoices(p),
};

export const todoSources: TodoSource[] = [
  safetyAlerts,
  formsToReview,
  newUploadsTodo,
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
        return { key: s.key, label: s.label, href: s.href, count: await s.count(p) };
      } catch {
        return { key: s.key, label: s.label, href: s.href, count: 0, error: true as const };
      }
    }),
  );
}
