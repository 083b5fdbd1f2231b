import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/db";
import { clientProfiles } from "@/db/schema";
import type { Principal } from "@/lib/core/principal";
import { NotFoundError } from "@/lib/core/errors";
import { isUuid } from "@/lib/core/validation";
import { audit } from "@/lib/audit/write";
import { inProfileScope } from "@/lib/profiles/access";
import { invoicesJson, withBalances } from "@/lib/billing/invoices";
import { amountOwed } from "@/lib/billing/money";
import { statementsJson, withStatementAsOf } from "@/lib/billing/statements";
import { superbillsJson, withSuperbillAsOf } from "@/lib/billing/superbills";
import { receiptsJson } from "@/lib/payments/receipts";

/**
 * The portal's Billing page: what was sent to the active profile (invoices, payments, statements, superbills), with
 * the balance due. One statement (docs/performance.md): the profile in the principal's scope, each list a column
 * of it, each list still scoped by its own query; no row means not found. Audited as a PHI view before it is shown.
 */
export async function getPortalBilling(p: Principal, profileId: string) {
  if (!isUuid(profileId)) throw new NotFoundError();
  const [row] = await db
    .select({
      invoices: invoicesJson(p, profileId),
      receipts: receiptsJson(p, profileId),
      statements: statementsJson(p, profileId),
      superbills: superbillsJson(p, profileId),
    })
    .from(clientProfiles)
    .where(inProfileScope(p, eq(clientProfiles.id, profileId)));
  if (!row) throw new NotFoundError();
  const invoices = withBalances(row.invoices);
  const [statements, superbills] = await Promise.all([
    withStatementAsOf(row.statements),
    withSuperbillAsOf(row.superbills),
  ]);
  await audit({ action: "billing.view", actor: p, profileId, targetType: "profile", targetId: profileId });
  return { invoices, receipts: row.receipts, statements, superbills, balanceDueCents: amountOwed(invoices) };
}
