import Link from "next/link";
import { BackLink } from "@/components/ui/back-link";
import { requirePortalContext } from "@/lib/auth/guards";
import { viewPaymentMethodPage } from "@/lib/payments/views";
import { cardConsentText } from "@/lib/payments/consent";
import { paymentsMode, publishableKey } from "@/lib/payments";
import { isUuid } from "@/lib/core/validation";
import { AddCardForm } from "@/components/payments/add-card-form";
import { CardList } from "@/components/payments/card-list";
import { TestModeNotice } from "@/components/payments/test-mode-notice";
import { cardLabel, expiryLabel } from "@/lib/payments/test-cards";
import {
  addTestCardAction,
  finishStripeSetupAction,
  removeCardAction,
  setDefaultCardAction,
  startStripeSetupAction,
} from "@/lib/payments/actions";

export const dynamic = "force-dynamic";
export const metadata = { title: "Payment method" };

const PATH = "/portal/billing/payment-method";

/** Portal → Billing → Payment method (docs/product.md, Payments). */
export default async function PaymentMethodPage({
  searchParams,
}: {
  searchParams: Promise<{ replace?: string; added?: string }>;
}) {
  const { principal, profile } = await requirePortalContext();
  const sp = await searchParams;
  const { cards, practice } = await viewPaymentMethodPage(principal, profile);
  const mode = paymentsMode();
  // After a save, the status names the saved card (the form itself is empty again).
  const added = isUuid(sp.added) ? cards.find((c) => c.id === sp.added) : undefined;
  const replacing = isUuid(sp.replace) ? cards.find((c) => c.id === sp.replace) : undefined;
  const actions = {
    addTestCard: addTestCardAction,
    startStripeSetup: startStripeSetupAction,
    finishStripeSetup: finishStripeSetupAction,
  };
  return (
    <div className="flex flex-col gap-6">
      <BackLink href="/portal/billing">Back to billing</BackLink>
      <h1 className="text-2xl font-bold">Payment method</h1>
      {mode === "test" ? <TestModeNotice /> : null}
      <p className="text-slate-700">
        Your card is kept by our payment processor{mode === "stripe" ? ", Stripe" : ""}; this portal only ever sees its
        brand, last 4 digits and expiry. Cards you add here pay invoices for{" "}
        {profile.preferredName ?? profile.legalName}.
      </p>
      {sp.added ? (
        <p role="status" className="rounded-md border border-brand-700 bg-brand-50 p-3 font-medium text-brand-900">
          Your card was saved.
          {added
            ? ` ${cardLabel(added.brand, added.last4)}, expires ${expiryLabel(added.expMonth, added.expYear)}.`
            : ""}
        </p>
      ) : null}

      <section aria-labelledby="cards-heading" className="flex flex-col gap-3">
        <h2 id="cards-heading" className="text-xl font-semibold">
          Your cards
        </h2>
        {cards.length === 0 ? (
          <p className="text-slate-700">You have no card on file.</p>
        ) : (
          <CardList cards={cards} basePath={PATH} setDefault={setDefaultCardAction} remove={removeCardAction} />
        )}
      </section>

      <section
        aria-labelledby="add-heading"
        className="flex flex-col gap-3 rounded-lg border border-slate-300 bg-white p-4"
      >
        <h2 id="add-heading" className="text-xl font-semibold">
          {replacing ? `Replace ${cardLabel(replacing.brand, replacing.last4)}` : "Add a card"}
        </h2>
        {replacing ? (
          <p className="text-slate-700">
            The new card takes its place{replacing.isDefault ? " as your default card" : ""}; the old card is removed.{" "}
            <Link href={PATH} className="font-medium text-brand-800 underline">
              Cancel
            </Link>
          </p>
        ) : null}
        <AddCardForm
          mode={mode}
          publishableKey={publishableKey()}
          consentText={cardConsentText(practice.name)}
          replaces={replacing?.id}
          doneHref={PATH}
          actions={actions}
        />
      </section>
    </div>
  );
}
