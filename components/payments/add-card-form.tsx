"use client";

import { useId, useState } from "react";
import { useRouter } from "next/navigation";
import { Elements, PaymentElement, useElements, useStripe } from "@stripe/react-stripe-js";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/auth/action";
import type { AddTestCardInput } from "@/lib/payments/schemas";
import { StripeUnavailable, useStripeJs } from "./stripe-loader";
import { randomCardToken, TestCardFields, useTestCard } from "./test-card-fields";

type Actions = {
  addTestCard: (input: AddTestCardInput) => Promise<ActionResult<{ id: string }>>;
  startStripeSetup: (input: { consent: true; replaces?: string }) => Promise<ActionResult<{ clientSecret: string }>>;
  finishStripeSetup: (input: { setupIntentId: string; replaces?: string }) => Promise<ActionResult<{ id: string }>>;
};

/** Add (or replace) a card: the local test-mode form, or Stripe's Payment Element with a SetupIntent. */
export function AddCardForm(props: {
  mode: "stripe" | "test";
  publishableKey: string | null;
  consentText: string;
  replaces?: string;
  doneHref: string;
  actions: Actions;
}) {
  // After "Your card was saved" the form starts again empty: a new key remounts it, so neither the card details
  // (test mode's fields or Stripe's Payment Element) nor the ticked consent stay on screen.
  const [round, setRound] = useState(0);
  const onSaved = () => setRound((r) => r + 1);
  if (props.mode === "stripe" && props.publishableKey)
    return <StripeAddCard key={round} {...props} publishableKey={props.publishableKey} onSaved={onSaved} />;
  return <TestAddCard key={round} {...props} onSaved={onSaved} />;
}

function Consent({
  text,
  checked,
  onChange,
  error,
}: {
  text: string;
  checked: boolean;
  onChange: (v: boolean) => void;
  error?: string;
}) {
  const id = useId();
  return (
    <div className="flex flex-col gap-1">
      <div className="flex items-start gap-3">
        <input
          id={id}
          type="checkbox"
          className="mt-1 h-5 w-5 shrink-0"
          checked={checked}
          onChange={(e) => onChange(e.target.checked)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        />
        <label htmlFor={id} className="text-slate-800">
          {text}
        </label>
      </div>
      {error ? (
        <p id={`${id}-error`} role="alert" className="text-sm font-medium text-red-800">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** The state both card forms (test mode and Stripe) keep: the consent box, its error, the form's error, pending. */
function useCardFormState() {
  const [consent, setConsent] = useState(false);
  const [consentError, setConsentError] = useState<string>();
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);
  return { consent, setConsent, consentError, setConsentError, error, setError, pending, setPending };
}

/** Consent, the form's error and the Save button, the same for both card forms. */
function CardFormFooter(props: {
  consentText: string;
  consent: boolean;
  setConsent: (v: boolean) => void;
  consentError?: string;
  error?: string;
  pending: boolean;
  replaces?: string;
  disabled?: boolean;
}) {
  return (
    <>
      <Consent
        text={props.consentText}
        checked={props.consent}
        onChange={props.setConsent}
        error={props.consentError}
      />
      {props.error ? (
        <p role="alert" className="rounded-md border border-red-700 bg-red-50 p-3 font-medium text-red-900">
          {props.error}
        </p>
      ) : null}
      <Button type="submit" disabled={props.pending || props.disabled}>
        {props.pending ? "Saving…" : props.replaces ? "Save new card" : "Save card"}
      </Button>
    </>
  );
}

type CardFormProps = {
  consentText: string;
  replaces?: string;
  doneHref: string;
  actions: Actions;
  onSaved: () => void;
};

function TestAddCard({ consentText, replaces, doneHref, actions, onSaved }: CardFormProps) {
  const router = useRouter();
  const card = useTestCard();
  const { consent, setConsent, consentError, setConsentError, error, setError, pending, setPending } =
    useCardFormState();

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    setError(undefined);
    const r = card.read();
    setConsentError(consent ? undefined : "Check the box to authorize saving and charging this card.");
    if (!r.ok || !consent) return;
    setPending(true);
    // Only these leave the browser: a random token, brand, last 4 and expiry.
    const res = await actions.addTestCard({
      token: randomCardToken(),
      brand: r.brand,
      last4: r.last4,
      expMonth: r.expMonth,
      expYear: r.expYear,
      consent: true,
      replaces,
    });
    setPending(false);
    if (!res.ok) {
      setError(res.error);
      return;
    }
    onSaved();
    router.push(`${doneHref}?added=${res.data.id}`);
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      <TestCardFields card={card} />
      <CardFormFooter {...{ consentText, consent, setConsent, consentError, error, pending, replaces }} />
    </form>
  );
}

function StripeAddCard(props: CardFormProps & { publishableKey: string }) {
  const { stripe, failed } = useStripeJs(props.publishableKey);
  if (failed) return <StripeUnavailable />;
  if (!stripe) return <p className="text-slate-700">Loading the secure card form…</p>;
  return (
    <Elements
      stripe={stripe}
      options={{ mode: "setup", currency: "usd", allowedPaymentMethodTypes: ["card"], setupFutureUsage: "off_session" }}
    >
      <StripeAddCardInner {...props} />
    </Elements>
  );
}

function StripeAddCardInner({ consentText, replaces, doneHref, actions, onSaved }: CardFormProps) {
  const router = useRouter();
  const stripe = useStripe();
  const elements = useElements();
  const { consent, setConsent, consentError, setConsentError, error, setError, pending, setPending } =
    useCardFormState();

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    if (!stripe || !elements) return;
    setError(undefined);
    setConsentError(consent ? undefined : "Check the box to authorize saving and charging this card.");
    if (!consent) return;
    setPending(true);
    try {
      const submitted = await elements.submit();
      if (submitted.error) return setError(submitted.error.message);
      const start = await actions.startStripeSetup({ consent: true, replaces });
      if (!start.ok) return setError(start.error);
      const { error: confirmError, setupIntent } = await stripe.confirmSetup({
        elements,
        clientSecret: start.data.clientSecret,
        redirect: "if_required",
        confirmParams: { return_url: window.location.href },
      });
      // Stripe's own messages ("Your card was declined.") are written for card holders.
      if (confirmError) return setError(confirmError.message ?? "Your card could not be saved.");
      const done = await actions.finishStripeSetup({ setupIntentId: setupIntent!.id, replaces });
      if (!done.ok) return setError(done.error);
      onSaved();
      router.push(`${doneHref}?added=${done.data.id}`);
      router.refresh();
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      <PaymentElement />
      <CardFormFooter
        {...{ consentText, consent, setConsent, consentError, error, pending, replaces }}
        disabled={!stripe}
      />
    </form>
  );
}
