import "server-only";
import type { ClientPrincipal } from "@/lib/core/principal";
import type { ClientProfile } from "@/db/schema";
import { now } from "@/lib/core/clock";
import { todayInZone } from "@/lib/core/time";
import { previousVisitEnd } from "@/lib/auth/sessions";
import { audit } from "@/lib/audit/write";
import { listProfileResponses } from "@/lib/forms/responses";
import { orderTodos } from "@/lib/forms/todo-order";
import { listInvoices } from "@/lib/billing/invoices";
import { sumCents } from "@/lib/billing/money";
import { listRecentShared } from "@/lib/documents";
import { getPracticeSettings } from "@/lib/practice/settings";
import { listMyProfiles } from "@/lib/profiles/queries";
import { signedInAs } from "@/lib/profiles/labels";

/** How many recently shared files the home lists; the Documents page has them all. */
const RECENT_DOCUMENTS = 5;

/**
 * Everything the client's home shows for the active profile (docs/decisions.md, Client home), loaded here so the
 * page's components only render: who is signed in, forms to complete in order of urgency, the balance due and the
 * invoices to pay (billing's own balances, drafts and void excluded), and recently shared files marked New when
 * shared after the previous visit ended. Every read is scoped to the principal; the view writes one audit row,
 * profile.home_view, with the ids shown (never titles, amounts or file names).
 */
export async function viewPortalHome(p: ClientPrincipal, profile: ClientProfile) {
  const [practice, profiles, responses, invoices, shared, lastVisit] = await Promise.all([
    getPracticeSettings(),
    listMyProfiles(p),
    listProfileResponses(p, profile.id),
    listInvoices(p, profile.id),
    listRecentShared(p, profile.id, RECENT_DOCUMENTS),
    previousVisitEnd(p),
  ]);
  const relationship = profiles.find((x) => x.id === profile.id)?.relationship ?? "self";
  const forms = orderTodos(
    responses.filter((r) => r.status === "pending"),
    todayInZone(now(), practice.timeZone),
  );
  const unpaid = invoices.filter((i) => i.balanceDueCents > 0).sort((a, b) => a.number - b.number);
  await audit({
    action: "profile.home_view",
    actor: p,
    profileId: profile.id,
    targetType: "profile",
    targetId: profile.id,
    detail: {
      responseIds: forms.map((f) => f.id),
      invoiceIds: unpaid.map((i) => i.id),
      documentIds: shared.map((d) => d.id),
    },
  });
  return {
    practice,
    who: signedInAs(p.name, profile.legalName, relationship),
    forms,
    balanceDueCents: sumCents(invoices.map((i) => i.balanceDueCents)),
    unpaid,
    lastVisit,
    // Everything is new on a first visit.
    shared: shared.map((d) => ({
      id: d.id,
      fileName: d.fileName,
      createdAt: d.createdAt,
      isNew: !lastVisit || d.createdAt > lastVisit,
    })),
  };
}
