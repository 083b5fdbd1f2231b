import "server-only";
import type { ClientProfile } from "@/db/schema";
import { audit } from "@/lib/audit/write";
import type { Principal, ClientPrincipal } from "@/lib/core/principal";
import { getPracticeSettings } from "@/lib/practice/settings";
import { listMyCards, listMyPayingCards } from "./cards";
import { findInvoiceToPay, latestAttempt } from "./pay";

/*
 * The portal payment pages' data, each writing the page's one audit row: an invoice and the cards on file of a
 * client profile are billing information about their care (docs/product.md, Audit).
 */

/** Portal → Pay invoice: the invoice (this profile's only; else NotFoundError), saved cards and the last attempt. */
export async function viewPayInvoicePage(principal: ClientPrincipal, profile: ClientProfile, invoiceId: string) {
  const invoice = await findInvoiceToPay(principal, profile, invoiceId);
  const [cards, practice, attempt] = await Promise.all([
    listMyPayingCards(principal),
    getPracticeSettings(),
    latestAttempt(principal, profile, invoice.id),
  ]);
  await audit({
    action: "billing.invoice_viewed",
    actor: principal,
    profileId: profile.id,
    targetType: "invoice",
    targetId: invoice.id,
    detail: { purpose: "pay" },
  });
  return { invoice, cards, practice, attempt };
}

/** Portal → Billing → Payment method: the profile's saved cards (brand, last 4, expiry). */
export async function viewPaymentMethodPage(principal: Principal, profile: ClientProfile) {
  const [cards, practice] = await Promise.all([listMyCards(principal, profile), getPracticeSettings()]);
  await audit({
    action: "payment.card_view",
    actor: principal,
    profileId: profile.id,
    targetType: "payment_method",
    detail: { paymentMethodIds: cards.map((c) => c.id) },
  });
  return { cards, practice };
}
