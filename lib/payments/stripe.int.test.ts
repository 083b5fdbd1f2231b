import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { principalFor, type TestPrincipal } from "@/lib/test/auth-fixtures";
import Stripe from "stripe";
import { and, eq, gte } from "drizzle-orm";
import { db } from "@/db";
import {
  cardAuthorizations,
  emailOutbox,
  invoices,
  paymentCustomers,
  paymentIntents,
  paymentMethods,
  payments,
  paymentWebhookEvents,
} from "@/db/schema";
import { DEMO } from "@/lib/demo/seed";
import { recordService } from "@/lib/billing/services";
import { createInvoice, sendInvoice } from "@/lib/billing/invoices";
import { recordPayment } from "./internal/ledger";
import { findProfile } from "@/lib/profiles/access";
import { startFakeStripe } from "@/lib/test/fake-stripe";
import { POST as webhookRoute } from "@/app/api/stripe/webhook/route";
import { finishStripeCardSetup, startStripeCardSetup } from "./cards";
import { ensureCustomer } from "./internal/cards";
import { paymentsMode } from "./index";
import { payWithSavedCard } from "./pay";
import { CardDeclinedError } from "./provider";
import { withRenderedBodies } from "@/lib/test/outbox";

/**
 * The Stripe path against lib/test/fake-stripe.ts (docs/decisions.md, Platform notes: Stripe SDK against a local server): the real `stripe` SDK talks HTTP to a local
 * fake server through STRIPE_API_BASE; webhooks are signed with generateTestHeaderString and posted to the route.
 * Uses Pat Park's profiles (Pat and the minor Mia, Pat as guardian), which other test files leave alone.
 */
const WEBHOOK_SECRET = "whsec_test_fake_secret_for_integration";
let fake: Awaited<ReturnType<typeof startFakeStripe>>;
let pat: TestPrincipal, ana: TestPrincipal;
const P = DEMO.profiles;
const saved: Record<string, string | undefined> = {};

const principal = (email: string, activeProfileId: string | null = null) =>
  principalFor(email, "test", activeProfileId);

async function sentInvoice(profileId: string, fee: number) {
  const s = await recordService(ana, {
    profileId,
    dateOfService: "2026-11-02",
    cptCode: "90834",
    modifiers: [],
    placeOfService: "11",
    units: 1,
    fee,
    diagnosisCodes: [],
  });
  const inv = await createInvoice(ana, { profileId, serviceIds: [s.id] });
  await sendInvoice(ana, inv.id);
  return inv;
}

async function invoiceRow(id: string) {
  const [r] = await db.select().from(invoices).where(eq(invoices.id, id));
  return r;
}

function post(payload: string, signature: string | null) {
  return webhookRoute(
    new Request("http://localhost/api/stripe/webhook", {
      method: "POST",
      body: payload,
      headers: signature ? { "stripe-signature": signature } : {},
    }),
  );
}

function succeededEvent(eventId: string, pi: Record<string, unknown>) {
  return JSON.stringify({
    id: eventId,
    object: "event",
    type: "payment_intent.succeeded",
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    data: { object: { ...pi, status: "succeeded", amount_received: pi.amount } },
  });
}

/** Adds a Visa •••• 4242 (or a declining card) to the profile the way the browser would, through the fake. */
async function addCard(who: TestPrincipal, profileId: string, card: { last4: string; decline?: "card_declined" }) {
  const profile = await findProfile(who, profileId);
  const { clientSecret } = await startStripeCardSetup(who, profile);
  const setupIntentId = clientSecret.split("_secret_")[0];
  fake.confirmSetupIntent(setupIntentId, {
    brand: "visa",
    last4: card.last4,
    exp_month: 12,
    exp_year: 2030,
    decline: card.decline,
  });
  return finishStripeCardSetup(who, profile, setupIntentId);
}

beforeAll(async () => {
  fake = await startFakeStripe();
  for (const k of [
    "STRIPE_SECRET_KEY",
    "NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY",
    "STRIPE_WEBHOOK_SECRET",
    "STRIPE_API_BASE",
  ])
    saved[k] = process.env[k];
  process.env.STRIPE_SECRET_KEY = "sk_test_fake";
  process.env.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY = "pk_test_fake";
  process.env.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET;
  process.env.STRIPE_API_BASE = fake.url;
  ana = await principal(DEMO.ana);
  pat = await principal(DEMO.pat, P.pat);
});

const startedAt = new Date();
afterAll(async () => {
  // With TEST_DATABASE_URL all files share one database: remove the notices and receipts this file queued, so
  // another file's outbox test does not find its own message behind ours.
  await db.delete(emailOutbox).where(gte(emailOutbox.createdAt, startedAt));
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  await fake.close();
});

describe("payments through Stripe (fake Stripe server)", () => {
  it("runs in Stripe mode when both keys are set", () => {
    expect(paymentsMode()).toBe("stripe");
  });

  it("creates one customer per profile, once, even when asked concurrently", async () => {
    const before = fake.requests.filter((r) => r.path === "/v1/customers").length;
    const results = await Promise.all([ensureCustomer(P.pat), ensureCustomer(P.pat), ensureCustomer(P.pat)]);
    await ensureCustomer(P.pat);
    expect(new Set(results.map((r) => r.providerCustomerId)).size).toBe(1);
    const rows = await db
      .select()
      .from(paymentCustomers)
      .where(and(eq(paymentCustomers.profileId, P.pat), eq(paymentCustomers.provider, "stripe")));
    expect(rows).toHaveLength(1);
    // Concurrent creates share Stripe's idempotency key, so Stripe itself holds one customer for the profile.
    const created = fake.requests.filter((r) => r.path === "/v1/customers").slice(before);
    expect(new Set(created.map((r) => r.idempotencyKey))).toEqual(new Set([`customer:${P.pat}`]));
    expect(
      [...fake.customers.values()].filter((c) => (c.metadata as Record<string, string>).profileId === P.pat),
    ).toHaveLength(1);
    // No PHI sent to Stripe: the customer carries only the profile id.
    expect(created[0].body).toEqual({ metadata: { profileId: P.pat } });
  });

  it("a guardian adds a card for a minor: saved with brand, last 4, expiry and the recorded authorisation", async () => {
    const guardian = await principal(DEMO.pat, P.mia);
    const card = await addCard(guardian, P.mia, { last4: "4242" });
    expect(card).toMatchObject({ brand: "visa", last4: "4242", expMonth: 12, expYear: 2030, isDefault: true });
    const [row] = await db.select().from(paymentMethods).where(eq(paymentMethods.id, card.id));
    expect(row.ownerUserId).toBe(guardian.userId);
    expect(row.profileId).toBe(P.mia);
    const [auth] = await db
      .select()
      .from(cardAuthorizations)
      .where(eq(cardAuthorizations.providerPaymentMethodId, row.providerPaymentMethodId));
    expect(auth.consentText).toMatch(/^I authorize Riverbend Counseling to save this card and charge it/);
    expect(auth.userId).toBe(guardian.userId);
    expect(auth.agreedAt).toBeInstanceOf(Date);
  });

  it("the payment intent's amount equals the balance due, and the invoice changes only when the webhook arrives", async () => {
    const card = await addCard(pat, P.pat, { last4: "4242" });
    const inv = await sentInvoice(P.pat, 15_000);
    await db.transaction((tx) => recordPayment(tx, { invoiceId: inv.id, amountCents: 4_000, method: "cash" }));
    const outcome = await payWithSavedCard(pat, await findProfile(pat, P.pat), inv.id, card.id);
    const pi = [...fake.paymentIntents.values()].find(
      (p) => (p.metadata as Record<string, string>).invoiceId === inv.id,
    )!;
    expect(pi.amount).toBe(11_000);
    expect(outcome.status).toBe("processing");
    // Until Stripe's webhook, nothing is recorded.
    expect(await invoiceRow(inv.id)).toMatchObject({ status: "partially_paid", paidCents: 4_000 });

    const payload = succeededEvent("evt_fake_amount_1", pi);
    const res = await post(payload, Stripe.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET }));
    expect(res.status).toBe(200);
    expect(await invoiceRow(inv.id)).toMatchObject({ status: "paid", paidCents: 15_000 });
    const [row] = await db.select().from(paymentIntents).where(eq(paymentIntents.id, outcome.intentId));
    expect(row.status).toBe("succeeded");
  });

  it("a webhook with a bad or missing signature gets 400 and changes nothing", async () => {
    const card = await addCard(pat, P.pat, { last4: "4444" });
    const inv = await sentInvoice(P.pat, 9_000);
    await payWithSavedCard(pat, await findProfile(pat, P.pat), inv.id, card.id);
    const pi = [...fake.paymentIntents.values()].find(
      (p) => (p.metadata as Record<string, string>).invoiceId === inv.id,
    )!;
    const payload = succeededEvent("evt_fake_badsig", pi);
    const wrongSecret = Stripe.webhooks.generateTestHeaderString({ payload, secret: "whsec_someone_else" });
    for (const sig of [wrongSecret, "t=1,v1=deadbeef", null]) {
      const res = await post(payload, sig);
      expect(res.status).toBe(400);
    }
    // A correctly signed header for a different body (tampered payload) is refused too.
    const tampered = Stripe.webhooks.generateTestHeaderString({
      payload: payload.replace('"amount":9000', '"amount":1'),
      secret: WEBHOOK_SECRET,
    });
    expect((await post(payload, tampered)).status).toBe(400);
    expect(await invoiceRow(inv.id)).toMatchObject({ status: "sent", paidCents: 0 });
    expect(await db.select().from(payments).where(eq(payments.invoiceId, inv.id))).toHaveLength(0);
    expect(
      await db.select().from(paymentWebhookEvents).where(eq(paymentWebhookEvents.id, "evt_fake_badsig")),
    ).toHaveLength(0);
  });

  it("one event delivered twice records one payment and sends one receipt without PHI", async () => {
    const card = await addCard(pat, P.pat, { last4: "1881" });
    const inv = await sentInvoice(P.pat, 12_500);
    await payWithSavedCard(pat, await findProfile(pat, P.pat), inv.id, card.id);
    const pi = [...fake.paymentIntents.values()].find(
      (p) => (p.metadata as Record<string, string>).invoiceId === inv.id,
    )!;
    const receiptsBefore = (
      await db
        .select()
        .from(emailOutbox)
        .where(and(eq(emailOutbox.to, DEMO.pat), eq(emailOutbox.template, "payment-receipt")))
    ).length;
    const payload = succeededEvent("evt_fake_twice", pi);
    const first = await post(payload, Stripe.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET }));
    const second = await post(payload, Stripe.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET }));
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(await second.json()).toMatchObject({ received: true, duplicate: true });
    // Also a different event id for the same PaymentIntent (Stripe can resend as a new event): still one payment.
    const again = succeededEvent("evt_fake_twice_b", pi);
    expect(
      (await post(again, Stripe.webhooks.generateTestHeaderString({ payload: again, secret: WEBHOOK_SECRET }))).status,
    ).toBe(200);
    expect(await db.select().from(payments).where(eq(payments.invoiceId, inv.id))).toHaveLength(1);
    expect(await invoiceRow(inv.id)).toMatchObject({ status: "paid", paidCents: 12_500 });
    const receipts = await withRenderedBodies(
      await db
        .select()
        .from(emailOutbox)
        .where(and(eq(emailOutbox.to, DEMO.pat), eq(emailOutbox.template, "payment-receipt"))),
    );
    expect(receipts).toHaveLength(receiptsBefore + 1);
    const mail = receipts.at(-1)!;
    for (const phi of ["Pat Park", "125.00", "12,500", "4242", "1881", "90834"])
      expect(`${mail.subject} ${mail.text}`).not.toContain(phi);
  });

  it("a declined card shows the issuer's message and leaves the invoice unchanged", async () => {
    const card = await addCard(pat, P.pat, { last4: "0002", decline: "card_declined" });
    const inv = await sentInvoice(P.pat, 8_000);
    const err = await payWithSavedCard(pat, await findProfile(pat, P.pat), inv.id, card.id).catch((e) => e);
    expect(err).toBeInstanceOf(CardDeclinedError);
    expect(err.message).toBe("Your card was declined.");
    expect(await invoiceRow(inv.id)).toMatchObject({ status: "sent", paidCents: 0 });
    const [row] = await db.select().from(paymentIntents).where(eq(paymentIntents.invoiceId, inv.id));
    expect(row).toMatchObject({ status: "failed", failureMessage: "Your card was declined." });
  });
});
