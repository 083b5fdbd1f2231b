import "server-only";
import { env } from "@/lib/core/env";
import { localProvider } from "./local";
import { stripeProvider } from "./stripe";
import type { PaymentProvider } from "./provider";

/**
 * Stripe when STRIPE_SECRET_KEY and NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY are set, otherwise the local test mode
 * (docs/product.md, Payments: a clearly labelled test mode when there are no keys).
 */
export function paymentsMode(): "stripe" | "test" {
  const e = env();
  return e.STRIPE_SECRET_KEY && e.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY ? "stripe" : "test";
}

export function paymentProvider(): PaymentProvider {
  return paymentsMode() === "stripe" ? stripeProvider : localProvider;
}

export function publishableKey(): string | null {
  return paymentsMode() === "stripe" ? env().NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY! : null;
}
