import { requirePortalContext } from "@/lib/auth/guards";
import { previousVisitEnd } from "@/lib/auth/sessions";
import { viewMyForms } from "@/lib/forms/views";
import { orderTodos } from "@/lib/forms/todo-order";
import { getPortalBilling } from "@/lib/billing/overview";
import { listProfileDocuments } from "@/lib/documents";
import { getPracticeSettings } from "@/lib/practice/settings";
import { listMyProfiles } from "@/lib/profiles/queries";
import { signedInAs } from "@/lib/profiles/labels";
import { now } from "@/lib/core/clock";
import { todayInZone } from "@/lib/core/time";
import { HomeBalance, HomeContact, HomeDocuments, HomeForms, HomeGreeting } from "@/components/portal/home";

export const dynamic = "force-dynamic";
export const metadata = { title: "Home" };

/** How many recently shared files the home lists; the Documents page has them all. */
const RECENT_DOCUMENTS = 5;

/**
 * The client's home (docs/decisions.md, Client home): who is signed in, forms to complete with due dates, the
 * balance due with Pay, and files shared since the last visit marked New. Each read goes through its domain's
 * scoped, audited function for the active profile.
 */
export default async function PortalHome() {
  const { principal, profile } = await requirePortalContext();
  const [practice, profiles, responses, billing, docs, lastVisit] = await Promise.all([
    getPracticeSettings(),
    listMyProfiles(principal),
    viewMyForms(principal, profile.id),
    getPortalBilling(principal, profile.id),
    listProfileDocuments(principal, profile.id),
    previousVisitEnd(principal),
  ]);
  const relationship = profiles.find((p) => p.id === profile.id)?.relationship ?? "self";
  const who = signedInAs(principal.name, profile.legalName, relationship);
  const forms = orderTodos(
    responses.filter((r) => r.status === "pending"),
    todayInZone(now(), practice.timeZone),
  );
  const unpaid = billing.invoices
    .filter((i) => i.balanceDueCents > 0)
    .sort((a, b) => a.number - b.number);
  // New: shared after the previous visit ended (everything, on a first visit).
  const shared = docs.shared.slice(0, RECENT_DOCUMENTS).map((d) => ({
    id: d.id,
    fileName: d.fileName,
    createdAt: d.createdAt,
    isNew: !lastVisit || d.createdAt > lastVisit,
  }));
  return (
    <div className="flex flex-col gap-4">
      <HomeGreeting greeting={who.greeting} identity={who.identity} />
      <div className="grid gap-4 md:grid-cols-2">
        <HomeForms forms={forms} />
        <HomeBalance balanceDueCents={billing.balanceDueCents} unpaid={unpaid} />
        <div className="md:col-span-2">
          <HomeDocuments documents={shared} lastVisit={lastVisit} timeZone={practice.timeZone} />
        </div>
      </div>
      <HomeContact practiceName={practice.name} phone={practice.phone} />
    </div>
  );
}
