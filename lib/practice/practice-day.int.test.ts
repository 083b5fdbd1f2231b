import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@/db";
import { invoices, payments } from "@/db/schema";
import { DEMO } from "@/lib/demo/seed";
import { ValidationError } from "@/lib/core/errors";
import { makeClient, libraryTemplateId, principalFor, type TestPrincipal } from "@/lib/test/auth-fixtures";
import { restoreClock, setNow } from "@/lib/test/clock";
import { readTestCard } from "@/lib/payments/test-cards";
import { countTodos, sendForms } from "@/lib/forms/responses";
import { createClient, updateClient } from "@/lib/profiles/clients";
import { clientProfileSchema } from "@/lib/profiles/schemas";
import { recordService } from "@/lib/billing/services";
import { createInvoice, sendInvoice } from "@/lib/billing/invoices";
import { findProfile } from "@/lib/profiles/access";
import { payWithTestCard } from "@/lib/payments/pay";
import { getPracticeSettings, practiceToday } from "./settings";

/**
 * One clock (docs/decisions.md): "today" is the practice's calendar day (the demo practice is in
 * America/Los_Angeles), never the server's or UTC's. At 23:30 on Nov 1, 2026 (the day the clocks go back, 25 hours
 * long) it is already Nov 2 in UTC, and at 16:30 on Dec 1 it is already Dec 2 in UTC.
 */
const DST_DAY_2330 = "2026-11-02T07:30:00.000Z"; // Nov 1, 23:30 PST
const AFTER_FOUR = "2026-12-02T00:30:00.000Z"; // Dec 1, 16:30 PST

let ana: TestPrincipal;
beforeAll(async () => {
  ana = await principalFor(DEMO.ana);
  expect((await getPracticeSettings()).timeZone).toBe("America/Los_Angeles");
});
afterEach(() => restoreClock());

const profileForm = (dateOfBirth: string) =>
  clientProfileSchema.parse({
    type: "individual",
    legalName: "Taylor Day",
    preferredName: "",
    dateOfBirth,
    phone: "",
    address: "",
    insuranceMemberId: "",
    diagnosisCodes: "",
    users: [],
  });

async function clientWithForms(tag: string, dueDates: string[]) {
  const { user, profile } = await makeClient(tag);
  for (const dueDate of dueDates)
    await sendForms(ana, { profileId: profile.id, templateIds: [await libraryTemplateId("phq9")], dueDate });
  return principalFor(user.email, "no-session", profile.id);
}

describe("the practice's day at 23:30 on a daylight-saving change day", () => {
  it("is still Nov 1 in Portland, though Nov 2 in UTC", async () => {
    setNow(DST_DAY_2330);
    expect(await practiceToday()).toBe("2026-11-01");
  });

  it("a form due that day is not overdue yet; one due the day before is", async () => {
    setNow(DST_DAY_2330);
    const client = await clientWithForms("due-today", ["2026-11-01"]);
    expect(await countTodos(client)).toEqual({ pending: 1, overdue: 0 });
    const late = await clientWithForms("due-yesterday", ["2026-10-31", "2026-11-01"]);
    expect(await countTodos(late)).toEqual({ pending: 2, overdue: 1 });
  });

  it("accepts a date of birth of today and refuses tomorrow, at the field", async () => {
    setNow(DST_DAY_2330);
    const { id } = await createClient(ana, profileForm("2026-11-01"));
    expect((await findProfile(ana, id)).dateOfBirth).toBe("2026-11-01");
    const err = await createClient(ana, profileForm("2026-11-02")).catch((e) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.fieldErrors.dateOfBirth).toEqual(["The date of birth cannot be in the future."]);
    // Editing is held to the same day.
    const edit = await updateClient(ana, id, profileForm("2026-11-02")).catch((e) => e);
    expect(edit).toBeInstanceOf(ValidationError);
    expect((await findProfile(ana, id)).dateOfBirth).toBe("2026-11-01");
  });

  it("a payment is received, and an invoice issued, on the practice's day", async () => {
    setNow(DST_DAY_2330);
    const { user, profile } = await makeClient("pays-late");
    const service = await recordService(ana, {
      profileId: profile.id,
      dateOfService: "2026-10-30",
      cptCode: "90837",
      modifiers: [],
      placeOfService: "10",
      units: 1,
      fee: 9_000,
      diagnosisCodes: [],
    });
    const inv = await createInvoice(ana, { profileId: profile.id, serviceIds: [service.id] });
    await sendInvoice(ana, inv.id);
    const [sent] = await db.select().from(invoices).where(eq(invoices.id, inv.id));
    expect(sent.issuedOn).toBe("2026-11-01");
    expect(sent.dueOn).toBe("2026-12-01");

    const client = await principalFor(user.email, "no-session", profile.id);
    const card = readTestCard({ number: "4242 4242 4242 4242", expiry: "12/30", cvc: "123" }, new Date());
    if (!card.ok) throw new Error(card.message);
    const paid = await payWithTestCard(client, await findProfile(client, profile.id), {
      invoiceId: inv.id,
      token: `tok${crypto.randomUUID().replace(/-/g, "")}`,
      brand: card.brand,
      last4: card.last4,
      expMonth: card.expMonth,
      expYear: card.expYear,
      saveCard: false,
    });
    expect(paid.status).toBe("succeeded");
    const [payment] = await db.select().from(payments).where(eq(payments.invoiceId, inv.id));
    expect(payment.receivedOn).toBe("2026-11-01");
  });
});

describe("the practice's day after 4 pm in Portland", () => {
  it("does not count tomorrow: a form due today is not overdue and today's date of birth is accepted", async () => {
    setNow(AFTER_FOUR);
    expect(await practiceToday()).toBe("2026-12-01");
    const client = await clientWithForms("after-four", ["2026-12-01"]);
    expect(await countTodos(client)).toEqual({ pending: 1, overdue: 0 });
    await expect(createClient(ana, profileForm("2026-12-01"))).resolves.toHaveProperty("id");
    await expect(createClient(ana, profileForm("2026-12-02"))).rejects.toBeInstanceOf(ValidationError);
  });
});
