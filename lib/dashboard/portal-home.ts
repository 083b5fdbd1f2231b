import "server-only";
import type { ClientPrincipal } from "@/lib/core/principal";
import type { ClientProfile } from "@/db/schema";
import { now } from "@/lib/core/clock";
import { todayInZone } from "@/lib/core/time";
import { previousVisitEnd } from "@/lib/auth/sessions";
import { viewMyForms } from "@/lib/forms/views";
import { orderTodos } from "@/lib/forms/todo-order";
import { getPortalBilling } from "@/lib/billing/overview";
import { listProfileDocuments } from "@/lib/documents";
import { getPracticeSettings } from "@/lib/practice/settings";
import { listMyProfiles } from "@/lib/profiles/queries";
import { signedInAs } from "@/lib/profiles/labels";

/** How many recently shared files the home lists; the Documents page has them all. */
const RECENT_DOCUMENTS = 5;

/**
 * Everything the client's home shows for the active profile (docs/decisions.md, Client home), loaded here so the
 * page's components only render: who is signed in, forms to complete in order of urgency, the balance due and the
 * invoices to pay, and recently shared files marked New when shared after the previous visit ended. Each read
 * goes through its domain's scoped and audited function (forms.list, billing.view, document.list).
 */
export async function viewPortalHome(p: ClientPrincipal, profile: ClientProfile) {
  const [practice, profiles, responses, billing, docs, lastVisit] = await Promise.all([
    getPracticeSettings(),
    listMyProfiles(p),
    viewMyForms(p, profile.id),
    getPortalBilling(p, profile.id),
    listProfileDocuments(p, profile.id),
    previousVisitEnd(p),
  ]);
  const relationship = profiles.find((x) => x.id === profile.id)?.relationship ?? "self";
  return {
    practice,
    who: signedInAs(p.name, profile.legalName, relationship),
    forms: orderTodos(
      responses.filter((r) => r.status === "pending"),
      todayInZone(now(), practice.timeZone),
    ),
    balanceDueCents: billing.balanceDueCents,
    unpaid: billing.invoices.filter((i) => i.balanceDueCents > 0).sort((a, b) => a.number - b.number),
    lastVisit,
    // Everything is new on a first visit.
    shared: docs.shared.slice(0, RECENT_DOCUMENTS).map((d) => ({
      id: d.id,
      fileName: d.fileName,
      createdAt: d.createdAt,
      isNew: !lastVisit || d.createdAt > lastVisit,
    })),
  };
}
