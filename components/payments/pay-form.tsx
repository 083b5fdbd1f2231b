"use client";

import { useId, useState } from "react";
import { useRouter } from "next/navigation";
import { Elements, PaymentElement, useElements, useStripe } from "@stripe/react-stripe-js";
import type { Stripe } from "@stripe/stripe-js";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/auth/action";
import { payAmountSchema, type PayTestCardInput } from "@/lib/payments/schemas";
import { centsToInput, formatCents } from "@/lib/billing/money";
import { parseDollars } from "@/lib/core/validation";
import { FieldFrame } from "@/components/ui/field";
import { cardLabel, expiryLabel } from "@/lib/payments/test-cards";
import type { CardRow } from "./card-list";
import { StripeUnavailable, useStripeJs } from "./stripe-loader";
import { randomCardToken, TestCardFields, useTestCard } from "./test-card-fields";

type Outcome = { intentId: string; status: string; clientSecret: string | null; message: string | null };
type Actions = {
  paySavedCard: (input: {
    invoiceId: string;
    paymentMethodId: string;
    amount?: string;
  }) => Promise<ActionResult<Outcome>>;
  payTestCard: (input: PayTestCardInput) => Promise<ActionResult<Outcome>>;
  startStripePayment: (input: {
    invoiceId: string;
    saveCard: boolean;
    amount?: string;
  }) => Promise<ActionResult<Outcome>>;
};

const DECLINE_SUFFIX = " Nothing was charged and the invoice is unchanged. Try another card, or call the office.";

/**
 * Pay all or part of an invoice's balance with a card on file or a new card (docs/product.md, Payments; partial
 * payments: docs/decisions.md, Money). The amount starts at the whole balance and is checked as typed with the
 * same zod rule the server applies.
 */
export function PayForm(props: {
  invoiceId: string;
  cards: CardRow[];
  mode: "stripe" | "test";
  publishableKey: string | null;
  amountCents: number;
  consentText: string;
  actions: Actions;
}) {
  const router = useRouter();
  const groupId = useId();
  const defaultCard = props.cards.find((c) => c.isDefault) ?? props.cards[0];
  const [choice, setChoice] = useState<string>(defaultCard?.id ?? "new");
  const [save, setSave] = useState(false);
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<string>();
  const [pending, setPending] = useState(false);
  const [amount, setAmount] = useState(centsToInput(props.amountCents));
  const [amountError, setAmountError] = useState<string>();
  const amountSchema = payAmountSchema(props.amountCents);
  const typedCents = parseDollars(amount);
  const validCents = amountSchema.safeParse({ amount }).success && typedCents !== null ? typedCents : null;
  const amountLabel = formatCents(validCents ?? props.amountCents);
  const card = useTestCard();
  const stripeJs = useStripeJs(props.mode === "stripe" && props.publishableKey ? props.publishableKey : "");

  function finish(r: ActionResult<Outcome>) {
    if (!r.ok) {
      const atAmount = r.fieldErrors?.amount?.[0];
      if (atAmount) return setAmountError(atAmount);
      setError(r.error + (/declin|insufficient|expired|security code/i.test(r.error) ? DECLINE_SUFFIX : ""));
      return;
    }
    setDone(
      r.data.status === "succeeded"
        ? "Payment received. Thank you! A notice with a link to your receipt is on its way to your email."
        : "Your payment is processing. This page will show it as paid when it completes.",
    );
    router.refresh();
  }

  /** The amount field's check, at the field (the same rule as the server). */
  function checkAmount(): boolean {
    const r = amountSchema.safeParse({ amount });
    setAmountError(r.success ? undefined : r.error.issues[0]?.message);
    return r.success;
  }

  async function paySaved(stripe: Stripe | null) {
    const r = await props.actions.paySavedCard({ invoiceId: props.invoiceId, paymentMethodId: choice, amount });
    // Stripe may ask the bank to confirm (3-D Secure) before the charge goes through.
    if (r.ok && r.data.status === "requires_action" && r.data.clientSecret && stripe) {
      const next = await stripe.handleNextAction({ clientSecret: r.data.clientSecret });
      if (next.error) return finish({ ok: false, error: next.error.message ?? "Your card was declined." });
      return finish({ ok: true, data: { ...r.data, status: "processing" } });
    }
    finish(r);
  }

  async function payNewTest() {
    const c = card.read();
    if (!c.ok) return;
    // Only a random token, brand, last 4 and expiry leave the browser.
    finish(
      await props.actions.payTestCard({
        invoiceId: props.invoiceId,
        token: randomCardToken(),
        brand: c.brand,
        last4: c.last4,
        expMonth: c.expMonth,
        expYear: c.expYear,
        saveCard: save,
        amount,
      }),
    );
  }

  async function onSubmit(e: React.FormEvent, stripe: Stripe | null) {
    e.preventDefault();
    setError(undefined);
    if (!checkAmount()) return;
    setPending(true);
    try {
      if (choice !== "new") await paySaved(stripe);
      else await payNewTest();
    } finally {
      setPending(false);
    }
  }

  if (done) {
    return (
      <p role="status" className="rounded-md border border-brand-700 bg-brand-50 p-3 font-medium text-brand-900">
        {done}
      </p>
    );
  }

  const amountId = `${groupId}-amount`;
  const amountField = (
    <FieldFrame
      id={amountId}
      label="Amount to pay ($)"
      hint={`The balance due is ${formatCents(props.amountCents)}. You can pay part of it now${
        props.amountCents > 100 ? ", at least $1.00" : ""
      }.`}
      error={amountError}
    >
      <input
        id={amountId}
        name="amount"
        inputMode="decimal"
        autoComplete="off"
        value={amount}
        onChange={(e) => {
          setAmount(e.target.value);
          if (amountError) setAmountError(undefined);
        }}
        onBlur={checkAmount}
        aria-invalid={amountError ? true : undefined}
        aria-describedby={[`${amountId}-hint`, amountError ? `${amountId}-error` : null].filter(Boolean).join(" ")}
        className="min-h-11 w-full max-w-xs rounded-md border border-slate-400 bg-white px-3 py-2 text-base aria-[invalid=true]:border-red-700"
      />
    </FieldFrame>
  );

  const options = (
    <fieldset className="flex flex-col gap-2">
      <legend className="mb-1 font-semibold text-slate-900">Pay with</legend>
      {props.cards.map((c) => (
        <label
          key={c.id}
          className="flex min-h-11 items-center gap-3 rounded-md border border-slate-300 bg-white px-3 py-2"
        >
          <input
            type="radio"
            name={`${groupId}-card`}
            value={c.id}
            checked={choice === c.id}
            onChange={() => setChoice(c.id)}
            className="h-5 w-5"
          />
          <span>
            <span className="font-semibold">{cardLabel(c.brand, c.last4)}</span>{" "}
            <span className="text-sm text-slate-700">expires {expiryLabel(c.expMonth, c.expYear)}</span>
          </span>
        </label>
      ))}
      <label className="flex min-h-11 items-center gap-3 rounded-md border border-slate-300 bg-white px-3 py-2">
        <input
          type="radio"
          name={`${groupId}-card`}
          value="new"
          checked={choice === "new"}
          onChange={() => setChoice("new")}
          className="h-5 w-5"
        />
        <span className="font-semibold">A new card</span>
      </label>
    </fieldset>
  );

  const saveBox = (
    <div className="flex items-start gap-3">
      <input
        id={`${groupId}-save`}
        type="checkbox"
        className="mt-1 h-5 w-5 shrink-0"
        checked={save}
        onChange={(e) => setSave(e.target.checked)}
      />
      <label htmlFor={`${groupId}-save`} className="text-slate-800">
        Save this card for future payments. {props.consentText}
      </label>
    </div>
  );

  const errorBox = error ? (
    <p role="alert" className="rounded-md border border-red-700 bg-red-50 p-3 font-medium text-red-900">
      {error}
    </p>
  ) : null;

  if (props.mode === "stripe") {
    if (stripeJs.failed) return <StripeUnavailable />;
    if (!stripeJs.stripe) return <p className="text-slate-700">Loading the secure card form…</p>;
    return (
      <Elements
        stripe={stripeJs.stripe}
        options={{
          mode: "payment",
          amount: validCents ?? props.amountCents,
          currency: "usd",
          allowedPaymentMethodTypes: ["card"],
          ...(save ? { setupFutureUsage: "off_session" as const } : {}),
        }}
      >
        <StripePay
          {...{
            options: (
              <>
                {amountField}
                {options}
              </>
            ),
            saveBox,
            errorBox,
            choice,
            pending,
            amountLabel,
          }}
          onSaved={(e, s) => onSubmit(e, s)}
          onNew={async (stripe, elements) => {
            setError(undefined);
            setPending(true);
            try {
              const submitted = await elements.submit();
              if (submitted.error) return setError(submitted.error.message);
              const start = await props.actions.startStripePayment({
                invoiceId: props.invoiceId,
                saveCard: save,
                amount,
              });
              if (!start.ok || !start.data.clientSecret)
                return finish(
                  start.ok ? { ok: false, error: "The payment could not start. Please try again." } : start,
                );
              const { error: confirmError } = await stripe.confirmPayment({
                elements,
                clientSecret: start.data.clientSecret,
                redirect: "if_required",
                confirmParams: { return_url: window.location.href },
              });
              if (confirmError) return finish({ ok: false, error: confirmError.message ?? "Your card was declined." });
              finish({ ok: true, data: { ...start.data, status: "processing" } });
            } finally {
              setPending(false);
            }
          }}
        />
      </Elements>
    );
  }

  return (
    <form onSubmit={(e) => onSubmit(e, null)} noValidate className="flex flex-col gap-4">
      {amountField}
      {options}
      {choice === "new" ? (
        <>
          <TestCardFields card={card} />
          {saveBox}
        </>
      ) : null}
      {errorBox}
      <Button type="submit" disabled={pending}>
        {pending ? "Paying…" : `Pay ${amountLabel}`}
      </Button>
    </form>
  );
}

function StripePay(p: {
  options: React.ReactNode;
  saveBox: React.ReactNode;
  errorBox: React.ReactNode;
  choice: string;
  pending: boolean;
  amountLabel: string;
  onSaved: (e: React.FormEvent, stripe: Stripe | null) => void;
  onNew: (stripe: Stripe, elements: NonNullable<ReturnType<typeof useElements>>) => Promise<void>;
}) {
  const stripe = useStripe();
  const elements = useElements();
  return (
    <form
      noValidate
      className="flex flex-col gap-4"
      onSubmit={(e) => {
        if (p.choice !== "new") return p.onSaved(e, stripe);
        e.preventDefault();
        if (stripe && elements) void p.onNew(stripe, elements);
      }}
    >
      {p.options}
      {p.choice === "new" ? (
        <>
          <PaymentElement />
          {p.saveBox}
        </>
      ) : null}
      {p.errorBox}
      <Button type="submit" disabled={p.pending || !stripe}>
        {p.pending ? "Paying…" : `Pay ${p.amountLabel}`}
      </Button>
    </form>
  );
}
