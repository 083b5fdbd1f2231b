import { beforeAll, describe, expect, it } from "vitest";
import { isNotNull } from "drizzle-orm";
import { db } from "@/db";
import {
  formResponses,
  formTemplates,
  formTemplateVersions,
  invoices,
  paymentIntents,
  paymentMethods,
  payments,
  users,
} from "@/db/schema";
import { eq } from "drizzle-orm";
import { describeAuditRows, type AuditRow } from "@/lib/dashboard/admin-logs";
import { invoiceNumberLabel } from "@/lib/billing/format";
import { statementsDuring } from "@/lib/test/sql-statements";
import { seedDemoPractice } from "@/lib/demo/seed";

/**
 * The audit log puts its entries into words with the names they point at (people, invoices, payments, cards,
 * forms): all of them read in one statement, whatever kinds the page holds, including the payer and card of a
 * payment attempt and the invoice of a payment, which the entries name only through the attempt or payment.
 */
const entry = (over: Partial<Omit<AuditRow, "cursorKey">>): Omit<AuditRow, "cursorKey"> => ({
  id: 1,
  at: new Date("2026-11-02T10:00:00Z"),
  action: "forms.list",
  actorUserId: null,
  actorRole: "clinician",
  actorEmail: null,
  subject: null,
  profileId: null,
  profileName: null,
  targetType: null,
  targetId: null,
  ip: null,
  detail: null,
  ...over,
});
const card = (m: { brand: string; last4: string }) => `${m.brand[0].toUpperCase()}${m.brand.slice(1)} •••• ${m.last4}`;

// The demo practice's three months of work: payments by card and by hand, answered forms (this file's database only).
beforeAll(async () => {
  await seedDemoPractice();
}, 120_000);

describe("the audit log's names, in one statement", () => {
  it("a page naming every kind reads them all in one statement, and each sentence carries its names", async () => {
    // Demo rows of each kind the entries can name.
    const [intent] = await db.select().from(paymentIntents).where(isNotNull(paymentIntents.paymentMethodId)).limit(1);
    const [pay] = await db.select().from(payments).limit(1);
    const [response] = await db
      .select({ id: formResponses.id, title: formTemplateVersions.title })
      .from(formResponses)
      .innerJoin(formTemplateVersions, eq(formTemplateVersions.id, formResponses.templateVersionId))
      .limit(1);
    const [template] = await db.select().from(formTemplates).limit(1);
    const people = await db.select().from(users).limit(2);
    expect([intent, pay, response, template, people[1]].every(Boolean)).toBe(true);
    const [payer] = await db.select().from(users).where(eq(users.id, intent.initiatedByUserId!));
    const [method] = await db.select().from(paymentMethods).where(eq(paymentMethods.id, intent.paymentMethodId!));
    const [paidInvoice] = await db.select().from(invoices).where(eq(invoices.id, pay.invoiceId));
    const [actor, staffer] = people;
    const name = (u: { name: string | null; email: string }) => u.name ?? u.email;

    const rows = [
      // A provider's event: no acting user; the payer and the card come from the attempt it names.
      entry({
        action: "payment.succeeded",
        actorRole: "system",
        detail: { paymentIntentId: intent.id, invoiceId: intent.invoiceId },
      }),
      // A payment recorded by hand: its invoice comes from the payment it names.
      entry({
        action: "billing.payment_recorded",
        actorUserId: actor.id,
        targetType: "payment",
        targetId: pay.id,
        detail: { method: "check" },
      }),
      entry({
        action: "forms.response_view",
        actorUserId: actor.id,
        targetType: "form_response",
        targetId: response.id,
      }),
      entry({
        action: "forms.template_update",
        actorUserId: actor.id,
        targetType: "form_template",
        targetId: template.id,
      }),
      entry({ action: "staff.deactivate", actorUserId: actor.id, targetType: "user", targetId: staffer.id }),
      entry({
        action: "payment.card_removed",
        actorUserId: actor.id,
        targetType: "payment_method",
        targetId: method.id,
      }),
    ];
    let described: Awaited<ReturnType<typeof describeAuditRows>> = [];
    const statements = await statementsDuring(async () => {
      described = await describeAuditRows(rows);
    });
    expect(statements).toHaveLength(1);

    const [paid, recorded, viewed, changed, deactivated, removed] = described.map((d) => d.sentence);
    expect(paid).toContain(name(payer));
    expect(described[0].actorName).toBe(name(payer));
    expect(paid).toContain(card(method));
    expect(recorded).toContain(name(actor));
    expect(recorded).toContain(invoiceNumberLabel(paidInvoice.number));
    expect(viewed).toContain(response.title);
    expect(changed).toContain(template.title);
    expect(deactivated).toContain(name(staffer));
    expect(removed).toContain(card(method));
  });

  it("ids that name nothing (a deleted row, a stray value) leave the name out, and a page without ids sends no statement", async () => {
    const missing = "00000000-0000-4000-8000-000000000000";
    const [d] = await describeAuditRows([
      entry({ action: "payment.succeeded", actorRole: "system", detail: { paymentIntentId: missing } }),
    ]);
    expect(d.actorName).toBe("The payment provider");
    const statements = await statementsDuring(async () => {
      await describeAuditRows([entry({ action: "auth.sign_in", actorRole: "client", detail: { to: "not-an-id" } })]);
    });
    expect(statements).toHaveLength(0);
  });
});
