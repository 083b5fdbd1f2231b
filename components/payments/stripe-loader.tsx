"use client";

import { useEffect, useState } from "react";
import { loadStripe, type Stripe } from "@stripe/stripe-js";

/**
 * Loads Stripe.js from js.stripe.com (allowed by the CSP only when Stripe is configured). It cannot load offline
 * or when blocked: then the page says so plainly instead of showing a broken card form (docs/decisions.md, Platform notes: Stripe.js cannot load offline).
 */
const cache = new Map<string, Promise<Stripe | null>>();

export function useStripeJs(publishableKey: string): { stripe: Promise<Stripe | null> | null; failed: boolean } {
  const [state, setState] = useState<{ stripe: Promise<Stripe | null> | null; failed: boolean }>({
    stripe: null,
    failed: false,
  });
  useEffect(() => {
    if (!publishableKey) return;
    let p = cache.get(publishableKey);
    if (!p) {
      p = loadStripe(publishableKey).catch(() => null);
      cache.set(publishableKey, p);
    }
    let live = true;
    p.then((s) => {
      if (!live) return;
      if (s) setState({ stripe: Promise.resolve(s), failed: false });
      else {
        cache.delete(publishableKey);
        setState({ stripe: null, failed: true });
      }
    });
    return () => {
      live = false;
    };
  }, [publishableKey]);
  return state;
}

export function StripeUnavailable() {
  return (
    <p role="alert" className="rounded-md border border-red-700 bg-red-50 p-3 text-red-900">
      The secure card form could not load (Stripe.js did not respond). Check your internet connection and reload the
      page, or call the office to update your card by phone. Nothing was charged.
    </p>
  );
}
