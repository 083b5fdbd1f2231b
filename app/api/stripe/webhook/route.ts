import { defineRoute } from "@/lib/auth/route";
import { receiveWebhook } from "@/lib/payments/webhook";

/**
 * Stripe webhooks (docs/decisions.md, Card on file and payments: The webhook is the source of truth). Public and cross-site by nature: what proves the request is Stripe's signature
 * over the exact bytes, so the body is read raw (`request.text()`); verification, idempotency and the handlers live
 * in lib/payments/webhook.ts. In the local test mode the same route verifies with the locally generated secret,
 * and the local provider delivers its events through the same `receiveWebhook` in process.
 */
export const dynamic = "force-dynamic";

export const POST = defineRoute(
  { name: "stripe webhook", who: "public", origin: "any", errors: "json" },
  async ({ req }) => {
    const result = await receiveWebhook(await req.text(), req.headers.get("stripe-signature"));
    return Response.json(result.body, { status: result.status });
  },
);
