import { receiveWebhook } from "@/lib/payments/webhook";

/**
 * Stripe webhooks (docs/decisions.md, Card on file and payments: The webhook is the source of truth). The body is read raw (`request.text()`), because the signature covers the
 * exact bytes; verification, idempotency and the handlers live in lib/payments/webhook.ts. In the local test mode
 * the same route verifies with the locally generated secret, and the local provider delivers its events through
 * the same `receiveWebhook` in process.
 */
export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  const raw = await request.text();
  const result = await receiveWebhook(raw, request.headers.get("stripe-signature"));
  return Response.json(result.body, { status: result.status });
}
