import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { db } from "@/db";
import { clientProfiles, emailOutbox, users } from "@/db/schema";
import { DEMO } from "@/lib/demo/seed";
import { makeClient, principalFor, type TestPrincipal } from "@/lib/test/auth-fixtures";
import { restoreClock, setNow } from "@/lib/test/clock";
import { NotFoundError, ValidationError } from "@/lib/core/errors";
import { findProfile } from "@/lib/profiles/access";
import { recordService, serviceDefaults } from "@/lib/billing/services";
import { createInvoice, getInvoice, listInvoices, sendInvoice } from "@/lib/billing/invoices";
import { createStatement, getStatement } from "@/lib/billing/statements";
import { createSuperbill, getSuperbill } from "@/lib/billing/superbills";
import { updateClientBillingDetails } from "@/lib/billing/services";
import { getStaffBillingOverview } from "@/lib/billing/overview";
import { amountOwed } from "@/lib/billing/money";
import { addTestCard, listMyPayingCards } from "./cards";
import { payWithSavedCard } from "./pay";
import { recordManualPayment } from "./manual";
import { listReceipts, viewReceipt } from "./receipts";
import { readTestCard } from "./test-cards";

/**
 * Money that adds up and stays current (docs/decisions.md, Money), through lib/ against the database: whose card
 * pays what, partial payments, receipts, dates that cannot be in the future, statements and superbills as of a day.
 * The clock is set to the practice's afternoon (America/Los_Angeles) on 2026-12-03.
 */
const P = DEMO.profiles;
const principal = (email: string, active: string | null = null) => principalFor(email, "test", active);
let ana: TestPrincipal;

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

async function sentInvoice(profileId: string, fee: number, dateOfService = "2026-11-24") {
  const s = await recordService(ana, {
    profileId,
    dateOfService,
    cptCode: "90834",
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

beforeAll(async () => {
  ana = await principal(DEMO.ana);
});
// 14:00 in Portland on Dec 3, 2026.
const afternoon = () => setNow(new Date("2026-12-03T22:00:00Z"));
afterEach(() => restoreClock());

describe("whose card pays what", () => {
  it("a card Pat saved on Mia's profile pays Pat's own invoice", async () => {
    afternoon();
    const patOnMia = await principal(DEMO.pat, P.mia);
    const card = await addTestCard(patOnMia, await findProfile(patOnMia, P.mia), browserCard("4242424242424242"));
    const patOnPat = await principal(DEMO.pat, P.pat);
    expect((await listMyPayingCards(patOnPat)).map((c) => c.id)).toContain(card.id);
    const inv = await sentInvoice(P.pat, 9_000);
    const r = await payWithSavedCard(patOnPat, await findProfile(patOnPat, P.pat), inv.id, card.id);
    expect(r.status).toBe("succeeded");
    const after = await getInvoice(patOnPat, inv.id);
    expect(after.status).toBe("paid");
    expect(after.balanceDueCents).toBe(0);
  });

  it("a partner's card on the couple profile never pays the other partner's individual invoices", async () => {
    afternoon();
    const caseyOnCouple = await principal(DEMO.casey, P.jordanCasey);
    const couple = await findProfile(caseyOnCouple, P.jordanCasey);
    const caseysCard = await addTestCard(caseyOnCouple, couple, browserCard("5555555555554444"));
    const jordansInvoice = await sentInvoice(P.jordan, 9_000);
    // Jordan cannot use Casey's card, on his own profile or on the couple's.
    const jordan = await principal(DEMO.jordan, P.jordan);
    expect((await listMyPayingCards(jordan)).map((c) => c.id)).not.toContain(caseysCard.id);
    await expect(
      payWithSavedCard(jordan, await findProfile(jordan, P.jordan), jordansInvoice.id, caseysCard.id),
    ).rejects.toBeInstanceOf(NotFoundError);
    // And Casey cannot reach Jordan's invoice with it from the couple profile (not that profile's invoice).
    await expect(payWithSavedCard(caseyOnCouple, couple, jordansInvoice.id, caseysCard.id)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    expect((await getInvoice(jordan, jordansInvoice.id)).status).toBe("sent");
  });
});

describe("partial payments and receipts", () => {
  it("Jordan pays $40 of $90, then the rest; each payment has a receipt the email links to", async () => {
    afternoon();
    const jordan = await principal(DEMO.jordan, P.jordan);
    const profile = await findProfile(jordan, P.jordan);
    const card = await addTestCard(jordan, profile, browserCard("4242424242424242"));
    const inv = await sentInvoice(P.jordan, 9_000);

    await payWithSavedCard(jordan, profile, inv.id, card.id, 4_000);
    let now = await getInvoice(jordan, inv.id);
    expect(now.status).toBe("partially_paid");
    expect(now.balanceDueCents).toBe(5_000);

    // Less than $1, or more than is left, is refused at the amount field and nothing is charged.
    for (const [amount, message] of [
      [50, "Pay at least $1.00."],
      [5_001, "The most you can pay is the balance due, $50.00."],
    ] as const) {
      const err = await payWithSavedCard(jordan, profile, inv.id, card.id, amount).catch((e) => e);
      expect(err).toBeInstanceOf(ValidationError);
      expect((err as ValidationError).fieldErrors?.amount).toEqual([message]);
    }
    expect((await getInvoice(jordan, inv.id)).paidCents).toBe(4_000);

    await payWithSavedCard(jordan, profile, inv.id, card.id);
    now = await getInvoice(jordan, inv.id);
    expect(now.status).toBe("paid");
    expect(now.payments.map((p) => p.amountCents)).toEqual([4_000, 5_000]);

    const receipts = (await listReceipts(jordan, P.jordan)).filter((r) => r.invoiceId === inv.id);
    expect(receipts).toHaveLength(2);
    const first = await viewReceipt(jordan, now.payments[0].id);
    expect(first).toMatchObject({ amountCents: 4_000, receivedOn: "2026-12-03", invoiceNumber: inv.number });
    expect(first.card).toEqual({ brand: "visa", last4: "4242" });
    expect(first.practice.timeZone).toBe("America/Los_Angeles");

    // The receipt email links to that receipt's page: an id, no amount, no name.
    const [u] = await db.select().from(users).where(eq(users.email, DEMO.jordan));
    const mails = await db
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.template, "payment-receipt"), eq(emailOutbox.userId, u.id)));
    const urls = mails.map((m) => (m.props as { url: string }).url);
    expect(urls).toContain(`http://localhost:3000/portal/billing/receipts/${now.payments[0].id}`);
    for (const m of mails) expect(JSON.stringify(m.props)).not.toMatch(/Jordan|\$|4242|90834/);
  });

  it("receipts are scoped: Casey cannot open Jordan's, staff see the card, the other partner does not", async () => {
    afternoon();
    const jordanOnCouple = await principal(DEMO.jordan, P.jordanCasey);
    const couple = await findProfile(jordanOnCouple, P.jordanCasey);
    const card = await addTestCard(jordanOnCouple, couple, browserCard("4242424242424242"));
    const inv = await sentInvoice(P.jordanCasey, 12_000);
    await payWithSavedCard(jordanOnCouple, couple, inv.id, card.id);
    const [pay] = (await getInvoice(ana, inv.id)).payments;

    const casey = await principal(DEMO.casey, P.jordanCasey);
    // The couple's receipt: Casey sees it, without Jordan's card; Ana sees the card.
    expect((await viewReceipt(casey, pay.id)).card).toBeNull();
    expect((await viewReceipt(ana, pay.id)).card).toEqual({ brand: "visa", last4: "4242" });
    // A staff page under another client does not show it; Sam (not their clinician) gets 404.
    await expect(viewReceipt(ana, pay.id, { profileId: P.jordan })).rejects.toBeInstanceOf(NotFoundError);
    await expect(viewReceipt(await principal(DEMO.sam), pay.id)).rejects.toBeInstanceOf(NotFoundError);
    // Jordan's individual receipts are not Casey's.
    const jordanInv = await sentInvoice(P.jordan, 3_000);
    await recordManualPayment(ana, {
      invoiceId: jordanInv.id,
      amount: 3_000,
      method: "cash",
      receivedOn: "2026-12-03",
      reference: "",
    });
    const [cash] = (await getInvoice(ana, jordanInv.id)).payments;
    await expect(viewReceipt(casey, cash.id)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("dates that add up", () => {
  it("a payment dated after the practice's today is refused at the field; a statement ending today balances", async () => {
    afternoon();
    const { profile } = await makeClient("money-future");
    const inv = await sentInvoice(profile.id, 20_000, "2026-11-10");
    const err = await recordManualPayment(ana, {
      invoiceId: inv.id,
      amount: 5_000,
      method: "cheque",
      receivedOn: "2030-01-01",
      reference: "",
    }).catch((e) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).fieldErrors?.receivedOn).toEqual(["The date received cannot be in the future."]);
    expect((await getInvoice(ana, inv.id)).paidCents).toBe(0);

    // Today (in Portland, though it is already Dec 4 in UTC at 17:30 PST) is allowed.
    setNow(new Date("2026-12-04T01:30:00Z"));
    await recordManualPayment(ana, {
      invoiceId: inv.id,
      amount: 5_000,
      method: "cheque",
      receivedOn: "2026-12-03",
      reference: "1042",
    });
    const st = await createStatement(ana, {
      profileId: profile.id,
      periodStart: "2026-11-01",
      periodEnd: "2026-12-03",
    });
    expect(st.openingBalanceCents + st.chargesCents - st.paymentsCents).toBe(st.closingBalanceCents);
    expect(st.closingBalanceCents).toBe(amountOwed(await listInvoices(ana, profile.id)));
    expect(st.closingBalanceCents).toBe(15_000);
  });

  it("statements and superbills regenerated as of a later day show the payments received since", async () => {
    afternoon();
    const { profile } = await makeClient("money-as-of");
    await updateClientBillingDetails(ana, {
      profileId: profile.id,
      diagnosisCodes: ["F41.1"],
      insuranceMemberId: "MEM-1234",
    });
    await db.update(clientProfiles).set({ dateOfBirth: "1990-04-12" }).where(eq(clientProfiles.id, profile.id));
    setNow(new Date("2026-11-30T20:00:00Z"));
    const inv = await sentInvoice(profile.id, 16_000, "2026-11-24");
    const november = { profileId: profile.id, periodStart: "2026-11-01", periodEnd: "2026-11-30" };
    const sbBefore = await createSuperbill(ana, november);
    const stBefore = await createStatement(ana, november);

    afternoon();
    await recordManualPayment(ana, {
      invoiceId: inv.id,
      amount: 16_000,
      method: "cash",
      receivedOn: "2026-12-02",
      reference: "",
    });
    // What was generated before stays as it was (frozen), and says as of when.
    expect((await getSuperbill(ana, sbBefore.id)).snapshot).toMatchObject({ asOf: "2026-11-30", paidCents: 0 });
    expect((await getStatement(ana, stBefore.id)).snapshot).toMatchObject({
      asOf: "2026-11-30",
      closingBalanceCents: 16_000,
      balanceAsOfCents: 16_000,
    });

    // Regenerated as of today (the default): the superbill's Paid column and the statement's balance show it.
    const sbNow = await getSuperbill(ana, (await createSuperbill(ana, november)).id);
    expect(sbNow.snapshot.asOf).toBe("2026-12-03");
    expect(sbNow.snapshot.lines.map((l) => l.paidCents)).toEqual([16_000]);
    const stNow = await getStatement(ana, (await createStatement(ana, november)).id);
    expect(stNow.snapshot).toMatchObject({ asOf: "2026-12-03", closingBalanceCents: 16_000, balanceAsOfCents: 0 });
    expect(stNow.snapshot.laterEntries?.map((e) => e.amountCents)).toEqual([16_000]);

    // As of Dec 1 the payment had not come in; a day after today is refused at the field.
    const sbDec1 = await getSuperbill(ana, (await createSuperbill(ana, { ...november, asOf: "2026-12-01" })).id);
    expect(sbDec1.snapshot.paidCents).toBe(0);
    const err = await createStatement(ana, { ...november, asOf: "2026-12-04" }).catch((e) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).fieldErrors?.asOf).toEqual(["The as-of date cannot be in the future."]);
  });
});

describe("drafts and the service form", () => {
  it("a draft shows the balance it will have when sent, but is not owed yet", async () => {
    afternoon();
    const { profile } = await makeClient("money-draft");
    const s = await recordService(ana, {
      profileId: profile.id,
      dateOfService: "2026-12-01",
      cptCode: "90791",
      modifiers: [],
      placeOfService: "11",
      units: 1,
      fee: 35_000,
      diagnosisCodes: [],
    });
    const draft = await createInvoice(ana, { profileId: profile.id, serviceIds: [s.id] });
    expect((await getInvoice(ana, draft.id)).balanceDueCents).toBe(35_000);
    expect((await getStaffBillingOverview(ana, profile.id)).balanceDueCents).toBe(0);
  });

  it("the service form starts from the CPT code and place of service this clinician last used for the client", async () => {
    afternoon();
    const { profile } = await makeClient("money-defaults");
    await recordService(ana, {
      profileId: profile.id,
      dateOfService: "2026-12-01",
      cptCode: "90837",
      modifiers: [],
      placeOfService: "02",
      units: 1,
      fee: 18_000,
      diagnosisCodes: [],
    });
    expect(await serviceDefaults(ana, profile.id)).toEqual({ cptCode: "90837", placeOfService: "02" });
    await expect(serviceDefaults(await principal(DEMO.sam), profile.id)).rejects.toBeInstanceOf(NotFoundError);
  });
});
