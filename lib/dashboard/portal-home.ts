import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { placeholderPrincipal, principalValues, runPrepared, textPlaceholder } from "@/db/prepared";
import { clientProfiles } from "@/db/schema";
import { NotFoundError } from "@/lib/core/errors";
import { inProfileScope } from "@/lib/profiles/access";
import type { ClientPrincipal } from "@/lib/core/principal";
import type { ClientProfile } from "@/db/schema";
import { now } from "@/lib/core/clock";
import { todayInZone } from "@/lib/core/time";
import { previousVisitEndSql } from "@/lib/auth/sessions";
import { audit } from "@/lib/audit/write";
import { profileResponsesJson } from "@/lib/forms/responses";
import { orderTodos } from "@/lib/forms/todo-order";
import { invoicesJson, withBalances } from "@/lib/billing/invoices";
import { sumCents } from "@/lib/billing/money";
import { recentSharedJson } from "@/lib/documents";
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
/**
 * The home's lists in one statement (docs/performance.md): the profile in the principal's scope, each list a column
 * of it, each still scoped by its own query. No row: the profile is out of reach, NotFoundError.
 */
export async function readHomeLists(p: ClientPrincipal, profileId: string) {
  const [row] = await runPrepared(
    "portal.home",
    (d) => homeListsQuery(d, placeholderPrincipal("client"), textPlaceholder("profileId")).prepare("portal_home"),
    { ...principalValues(p), profileId },
  );
  if (!row) throw new NotFoundError();
  return row;
}

/**
 * The home's statement. `readHomeLists` builds it once (db/prepared.ts) with placeholders for the person and the
 * profile, and runs it with their values; built with real ones it is the same statement (lib/test/prepared-statements.int.test.ts).
 */
export function homeListsQuery(d: Db, p: ClientPrincipal, profileId: string) {
  return d
    .select({
      responses: profileResponsesJson(p, profileId),
      invoices: invoicesJson(p, profileId),
      shared: recentSharedJson(p, profileId, RECENT_DOCUMENTS),
      lastVisit: previousVisitEndSql(p),
    })
    .from(clientProfiles)
    .where(inProfileScope(p, eq(clientProfiles.id, profileId)));
}

export async function viewPortalHome(p: ClientPrincipal, profile: ClientProfile) {
  const [practice, profiles, lists] = await Promise.all([
    getPracticeSettings(),
    listMyProfiles(p),
    readHomeLists(p, profile.id),
  ]);
  const { responses, shared, lastVisit } = lists;
  const invoices = withBalances(lists.invoices);
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
