import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { principalFor, type TestPrincipal } from "@/lib/test/auth-fixtures";
import { and, eq, gte } from "drizzle-orm";
import { db } from "@/db";
import { auditLog, cardAuthorizations, emailOutbox, invoices, paymentMethods, payments } from "@/db/schema";
import { DEMO } from "@/lib/demo/seed";
import { recordService } from "@/lib/billing/services";
import { createInvoice, sendInvoice } from "@/lib/billing/invoices";
import { NotFoundError } from "@/lib/core/errors";
import { findProfile } from "@/lib/profiles/access";
import { addTestCard, defaultCardForStaff, listMyCards, removeCard, setDefaultCard } from "./cards";
import { paymentsMode } from "./index";
import { chargeCardOnFile, payWithSavedCard, payWithTestCard } from "./pay";
import { CardDeclinedError } from "./provider";
import { scanDatabaseForCardNumbers } from "./scan";
import { findCardNumbers, readTestCard } from "./test-cards";

/**
 * The local test mode end to end through lib/ (no Stripe keys): the same flows and the same webhook handler.
 * The browser step is `readTestCard` (what the card form runs); only its output goes to the server functions.
 * Uses Jordan Lee's individual profile. The last test scans the database and this file's logs for card numbers.
 */
const P = DEMO.profiles;
let jordan: TestPrincipal, ana: TestPrincipal, sam: TestPrincipal;
const logged: string[] = [];

const principal = (email: string, activeProfileId: string | null = null) =>
  principalFor(email, "test", activeProfileId);
async function sentInvoice(profileId: string, fee: number) {
  const s = await recordService(ana, {
    profileId,
    dateOfService: "2026-11-03",
    cptCode: "90837",
    modifiers: [],
    placeOfService: "10",
    units: 1,
    fee,
    diagnosisCodes: [],
  });
  const inv = await createInvoice(ana, { profileId, serviceIds: [s.id] });
  await sendInvoice(ana, inv.id);
  return inv;
}
const invoiceRow = async (id: string) => (await db.select().from(invoices).where(eq(invoices.id, id)))[0];
/** What the browser's card form sends: a random token, brand, last 4 and expiry. */
function browserCard(number: string) {
  const r = readTestCard({ number, expiry: "12/30", cvc: "123" }, new Date());
  if (!r.ok) throw new Error(r.message);
  return {
    token: `tok${crypto.randomUUID().replace(/-/g, "")}`,
    brand: r.brand,
    last4: r.last4,
    expMonth: r.expMonth,
    expYear: r.expYear,
  };
}

const startedAt = new Date();
/**
 * With TEST_DATABASE_URL all files share one database: the notices and receipts this file queued are removed at
 * the end, so another file's outbox test does not find its own message behind ours.
 */
afterAll(async () => {
  await db.delete(emailOutbox).where(gte(emailOutbox.createdAt, startedAt));
});

beforeAll(async () => {
  // Everything this file logs is kept for the card-number scan at the end.
  for (const fn of ["log", "error", "warn", "info"] as const) {
    const orig = console[fn].bind(console);
    vi.spyOn(console, fn).mockImplementation((...args: unknown[]) => {
      logged.push(args.map((a) => (typeof a === "string" ? a : JSON.stringify(a))).join(" "));
      orig(...args);
    });
  }
  jordan = await principal(DEMO.jordan, P.jordan);
  ana = await principal(DEMO.ana);
  sam = await principal(DEMO.sam);
});
afterAll(() => vi.restoreAllMocks());

describe("payments in the local test mode", () => {
  it("runs in test mode when no Stripe keys are set", () => {
    expect(paymentsMode()).toBe("test");
  });

  it("adding 4242 4242 4242 4242 saves Visa •••• 4242 with its expiry and records the authorisation", async () => {
    const profile = await findProfile(jordan, P.jordan);
    const card = await addTestCard(jordan, profile, browserCard("4242 4242 4242 4242"));
    expect(card).toMatchObject({ brand: "visa", last4: "4242", expMonth: 12, expYear: 2030, isDefault: true });
    expect((await listMyCards(jordan, profile)).map((c) => c.id)).toContain(card.id);
    const [pm] = await db.select().from(paymentMethods).where(eq(paymentMethods.id, card.id));
    const [auth] = await db
      .select()
      .from(cardAuthorizations)
      .where(eq(cardAuthorizations.providerPaymentMethodId, pm.providerPaymentMethodId));
    expect(auth).toMatchObject({ userId: jordan.userId, profileId: P.jordan, brand: "visa", last4: "4242" });
    expect(auth.consentText).toContain("I authorize Riverbend Counseling");
    const [a] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "payment.card_added"), eq(auditLog.targetId, card.id)));
    expect(a).toBeTruthy();
  });

  it("4000 0000 0000 0002 is declined when saved, and nothing is stored", async () => {
    const profile = await findProfile(jordan, P.jordan);
    const before = (await listMyCards(jordan, profile)).length;
    const err = await addTestCard(jordan, profile, browserCard("4000 0000 0000 0002")).catch((e) => e);
    expect(err).toBeInstanceOf(CardDeclinedError);
    expect(err.message).toBe("Your card was declined.");
    expect(await listMyCards(jordan, profile)).toHaveLength(before);
  });

  it("paying with the card on file marks the invoice paid through the webhook handler, with one payment and a receipt", async () => {
    const profile = await findProfile(jordan, P.jordan);
    const [card] = await listMyCards(jordan, profile);
    const inv = await sentInvoice(P.jordan, 16_000);
    const outcome = await payWithSavedCard(jordan, profile, inv.id, card.id);
    expect(outcome.status).toBe("succeeded");
    expect(await invoiceRow(inv.id)).toMatchObject({ status: "paid", paidCents: 16_000 });
    const rows = await db.select().from(payments).where(eq(payments.invoiceId, inv.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ method: "card", amountCents: 16_000 });
    expect(rows[0].externalId).toMatch(/^pi_test_/);
    const [receipt] = await db
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.to, DEMO.jordan), eq(emailOutbox.template, "payment-receipt")));
    expect(receipt.subject).toBe("Payment received");
    // Paying again is refused: nothing left to pay.
    await expect(payWithSavedCard(jordan, profile, inv.id, card.id)).rejects.toThrow(/nothing left to pay/);
  });

  it("a new card 4000 0000 0000 0002 gives a clear decline and leaves the invoice unchanged", async () => {
    const profile = await findProfile(jordan, P.jordan);
    const inv = await sentInvoice(P.jordan, 9_000);
    const err = await payWithTestCard(jordan, profile, {
      invoiceId: inv.id,
      saveCard: false,
      ...browserCard("4000000000000002"),
    }).catch((e) => e);
    expect(err).toBeInstanceOf(CardDeclinedError);
    expect(err.message).toBe("Your card was declined.");
    expect(await invoiceRow(inv.id)).toMatchObject({ status: "sent", paidCents: 0 });
    expect(await db.select().from(payments).where(eq(payments.invoiceId, inv.id))).toHaveLength(0);
    // Then a good new card, kept for later: paid, and the card is saved with its authorisation.
    const ok = await payWithTestCard(jordan, profile, {
      invoiceId: inv.id,
      saveCard: true,
      ...browserCard("5555 5555 5555 4444"),
    });
    expect(ok.status).toBe("succeeded");
    expect(await invoiceRow(inv.id)).toMatchObject({ status: "paid" });
    expect((await listMyCards(jordan, profile)).map((c) => `${c.brand} ${c.last4}`)).toContain("mastercard 4444");
  });

  it("a card that saves but declines charges (…0341) leaves the invoice unchanged", async () => {
    const profile = await findProfile(jordan, P.jordan);
    const card = await addTestCard(jordan, profile, browserCard("4000 0000 0000 0341"));
    const inv = await sentInvoice(P.jordan, 7_000);
    await expect(payWithSavedCard(jordan, profile, inv.id, card.id)).rejects.toBeInstanceOf(CardDeclinedError);
    expect(await invoiceRow(inv.id)).toMatchObject({ status: "sent", paidCents: 0 });
    await removeCard(jordan, profile, card.id);
  });

  it("staff charge the default card on file, part of the balance makes it partially paid; other clinicians get 404", async () => {
    const inv = await sentInvoice(P.jordan, 20_000);
    const card = await defaultCardForStaff(ana, P.jordan);
    expect(card?.last4).toBe("4242");
    await expect(chargeCardOnFile(sam, { invoiceId: inv.id, amountCents: 5_000 })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(defaultCardForStaff(sam, P.jordan)).rejects.toBeInstanceOf(NotFoundError);
    await expect(chargeCardOnFile(ana, { invoiceId: inv.id, amountCents: 25_000 })).rejects.toThrow(
      /more than the balance/,
    );
    const r = await chargeCardOnFile(ana, { invoiceId: inv.id, amountCents: 5_000 });
    expect(r.status).toBe("succeeded");
    expect(await invoiceRow(inv.id)).toMatchObject({ status: "partially_paid", paidCents: 5_000 });
  });

  it("set default, then remove: the authorisation is revoked and another card becomes the default", async () => {
    const profile = await findProfile(jordan, P.jordan);
    const cards = await listMyCards(jordan, profile);
    const visa = cards.find((c) => c.last4 === "4242")!;
    const mc = cards.find((c) => c.last4 === "4444")!;
    await setDefaultCard(jordan, profile, mc.id);
    expect((await listMyCards(jordan, profile)).find((c) => c.isDefault)?.id).toBe(mc.id);
    const [mcRow] = await db.select().from(paymentMethods).where(eq(paymentMethods.id, mc.id));
    await removeCard(jordan, profile, mc.id);
    const after = await listMyCards(jordan, profile);
    expect(after.map((c) => c.id)).not.toContain(mc.id);
    expect(after.find((c) => c.isDefault)?.id).toBe(visa.id);
    const [auth] = await db
      .select()
      .from(cardAuthorizations)
      .where(eq(cardAuthorizations.providerPaymentMethodId, mcRow.providerPaymentMethodId));
    expect(auth.revokedAt).toBeInstanceOf(Date);
  });

  it("Casey, on the couple profile, neither sees nor can use Jordan's cards", async () => {
    const casey = await principal(DEMO.casey, P.jordanCasey);
    const jc = await principal(DEMO.jordan, P.jordanCasey);
    const couple = await findProfile(jc, P.jordanCasey);
    const card = await addTestCard(jc, couple, browserCard("4242424242424242"));
    const caseyView = await findProfile(casey, P.jordanCasey);
    expect(await listMyCards(casey, caseyView)).toEqual([]);
    await expect(removeCard(casey, caseyView, card.id)).rejects.toBeInstanceOf(NotFoundError);
    // Nor can she pay with it: a card pays only for the person who saved it (docs/decisions.md, Money).
    const inv = await sentInvoice(P.jordanCasey, 5_000);
    await expect(payWithSavedCard(casey, caseyView, inv.id, card.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("after all of this, no card number is in any table of the database or in the logs", async () => {
    expect(await scanDatabaseForCardNumbers()).toEqual([]);
    expect(logged.flatMap((l) => findCardNumbers(l))).toEqual([]);
    // The scan itself works: it would have found one.
    expect(findCardNumbers(JSON.stringify({ note: "4242 4242 4242 4242" }))).toHaveLength(1);
  });
});
