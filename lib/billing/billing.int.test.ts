import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { principalFor, type TestPrincipal } from "@/lib/test/auth-fixtures";
import { and, eq, inArray } from "drizzle-orm";
import { extractText } from "unpdf";
import { db } from "@/db";
import { auditLog, clientProfiles, emailOutbox, invoices, practiceSettings } from "@/db/schema";
import { DEMO } from "@/lib/demo/seed";
import { setNow, restoreClock } from "@/lib/test/clock";
import { NotFoundError, ValidationError } from "@/lib/core/errors";
import { recordService, updateClientBillingDetails } from "./services";
import { countUnpaidInvoices, createInvoice, getInvoice, listInvoices, sendInvoice, voidInvoice } from "./invoices";
import { recordManualPayment } from "@/lib/payments/manual";
import { recordPayment } from "@/lib/payments/internal/ledger";
import { createStatement, getStatement } from "./statements";
import { checkSuperbill, createSuperbill, sendSuperbill } from "./superbills";
import { downloadBillingPdf } from "./pdf/render";
import { listServiceCodes } from "./catalogue";
import { withRenderedBodies } from "@/lib/test/outbox";

const principal = (email: string, activeProfileId: string | null = null) =>
  principalFor(email, "test", activeProfileId);
const at = (isoDate: string) => setNow(new Date(`${isoDate}T18:00:00Z`));
const P = DEMO.profiles;

async function sentInvoice(
  staff: TestPrincipal,
  profileId: string,
  dateOfService: string,
  cptCode: string,
  fee: number,
) {
  const s = await recordService(staff, {
    profileId,
    dateOfService,
    cptCode,
    modifiers: [],
    placeOfService: "11",
    units: 1,
    fee,
    diagnosisCodes: [],
  });
  const inv = await createInvoice(staff, { profileId, serviceIds: [s.id] });
  await sendInvoice(staff, inv.id);
  return inv;
}

let ana: TestPrincipal, sam: TestPrincipal, admin: TestPrincipal;
beforeAll(async () => {
  ana = await principal(DEMO.ana);
  sam = await principal(DEMO.sam);
  admin = await principal(DEMO.admin);
});
afterEach(() => restoreClock());

describe("billing (integration)", () => {
  it("seeds the service code catalogue with default fees", async () => {
    const codes = await listServiceCodes();
    expect(codes.map((c) => c.code)).toEqual(
      expect.arrayContaining(["90791", "90832", "90834", "90837", "90846", "90847"]),
    );
    expect(codes.every((c) => Number.isInteger(c.defaultFeeCents) && c.defaultFeeCents > 0)).toBe(true);
  });

  it("a statement's closing balance is opening + charges − payments, for a period crossing invoices", async () => {
    // Alex Kim (Sam Chen's client) is used only by this test.
    at("2026-01-10");
    const inv1 = await sentInvoice(sam, P.alex, "2026-01-08", "90791", 20_000);
    at("2026-01-20");
    await recordManualPayment(sam, {
      invoiceId: inv1.id,
      amount: 5_000,
      method: "cash",
      receivedOn: "2026-01-20",
      reference: "",
    });
    at("2026-02-05");
    const inv2 = await sentInvoice(sam, P.alex, "2026-02-03", "90837", 18_000);
    // Each payment is recorded on or after the day it arrived (a future date is refused).
    at("2026-02-10");
    await recordManualPayment(sam, {
      invoiceId: inv1.id,
      amount: 15_000,
      method: "cheque",
      receivedOn: "2026-02-10",
      reference: "1042",
    });
    at("2026-02-27");
    await recordManualPayment(sam, {
      invoiceId: inv2.id,
      amount: 8_000,
      method: "outside_card",
      receivedOn: "2026-02-27",
      reference: "",
    });
    at("2026-03-02");
    await sentInvoice(sam, P.alex, "2026-03-01", "90834", 15_000);

    const st = await createStatement(sam, { profileId: P.alex, periodStart: "2026-02-01", periodEnd: "2026-02-28" });
    expect(st.openingBalanceCents).toBe(15_000); // 200 charged, 50 paid in January
    expect(st.chargesCents).toBe(18_000); // invoice 2 only; invoice 3 is after the period
    expect(st.paymentsCents).toBe(23_000); // 150 + 80 in February
    expect(st.closingBalanceCents).toBe(st.openingBalanceCents + st.chargesCents - st.paymentsCents);
    expect(st.closingBalanceCents).toBe(10_000);
    const full = await getStatement(sam, st.id);
    expect(full.snapshot.entries.map((e) => e.kind)).toEqual(["charge", "payment", "payment"]);

    // The next period opens where this one closed.
    const next = await createStatement(sam, { profileId: P.alex, periodStart: "2026-03-01", periodEnd: "2026-03-31" });
    expect(next.openingBalanceCents).toBe(st.closingBalanceCents);
    expect(next.closingBalanceCents).toBe(10_000 + 15_000);
  });

  it("Casey sees the couple profile's invoices and gets 404 for Jordan's individual ones", async () => {
    const casey = await principal(DEMO.casey, P.jordanCasey);
    const jordan = await principal(DEMO.jordan, P.jordan);
    const couple = await sentInvoice(ana, P.jordanCasey, "2026-04-01", "90847", 17_000);
    const individual = await sentInvoice(ana, P.jordan, "2026-04-02", "90834", 15_000);
    const coupleDraft = await createInvoice(ana, { profileId: P.jordanCasey, serviceIds: [] });

    expect((await listInvoices(casey, P.jordanCasey)).map((i) => i.id)).toContain(couple.id);
    expect((await getInvoice(casey, couple.id)).balanceDueCents).toBe(17_000);
    await expect(getInvoice(casey, individual.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(downloadBillingPdf(casey, "invoices", individual.id)).rejects.toBeInstanceOf(NotFoundError);
    expect(await listInvoices(casey, P.jordan)).toEqual([]);
    // Drafts are not the client's to see.
    await expect(getInvoice(casey, coupleDraft.id)).rejects.toBeInstanceOf(NotFoundError);
    // Jordan reaches both profiles; Sam (another clinician) reaches neither.
    expect((await getInvoice(jordan, individual.id)).id).toBe(individual.id);
    await expect(getInvoice(sam, couple.id)).rejects.toBeInstanceOf(NotFoundError);
    const { filename, bytes } = await downloadBillingPdf(casey, "invoices", couple.id);
    expect(filename).toMatch(/^invoice-INV-\d{4}\.pdf$/);
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    const [row] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "billing.document_downloaded"), eq(auditLog.targetId, couple.id)));
    expect(row.actorUserId).toBe(casey.userId);
  });

  it("sending emails each of the profile's users a notice with no amounts and no PHI", async () => {
    const before = new Date(Date.now() - 1000);
    const inv = await sentInvoice(ana, P.jordanCasey, "2026-04-08", "90847", 17_123);
    const mails = await withRenderedBodies(
      await db
        .select()
        .from(emailOutbox)
        .where(and(inArray(emailOutbox.to, [DEMO.jordan, DEMO.casey]), eq(emailOutbox.template, "billing-document"))),
    );
    const recent = mails.filter((m) => m.createdAt >= before);
    expect(new Set(recent.map((m) => m.to))).toEqual(new Set([DEMO.jordan, DEMO.casey]));
    for (const m of recent) {
      expect(m.text).not.toMatch(/171\.23|\$\d|Jordan|Casey|90847/);
      expect(m.html).not.toMatch(/171\.23|Jordan|Casey|90847/);
      expect(m.subject).toBe("A billing document is available");
    }
    expect(inv.number).toBeGreaterThan(0);
  });

  it("numbers invoices uniquely even when created at the same time", async () => {
    const made = await Promise.all(
      Array.from({ length: 6 }, () => createInvoice(admin, { profileId: P.mia, serviceIds: [] })),
    );
    const numbers = made.map((i) => i.number);
    expect(new Set(numbers).size).toBe(6);
  });

  it("payments move an invoice to partially paid, then paid; overpayment and double webhooks are refused", async () => {
    const inv = await sentInvoice(ana, P.pat, "2026-05-01", "90834", 15_000);
    await expect(
      recordManualPayment(ana, {
        invoiceId: inv.id,
        amount: 20_000,
        method: "cash",
        receivedOn: "2026-05-02",
        reference: "",
      }),
    ).rejects.toBeInstanceOf(ValidationError);
    await recordManualPayment(ana, {
      invoiceId: inv.id,
      amount: 5_000,
      method: "cash",
      receivedOn: "2026-05-02",
      reference: "",
    });
    expect((await getInvoice(ana, inv.id)).status).toBe("partially_paid");
    const r1 = await db.transaction((tx) =>
      recordPayment(tx, { invoiceId: inv.id, amountCents: 10_000, method: "card", externalId: "pi_test_billing_1" }),
    );
    const r2 = await db.transaction((tx) =>
      recordPayment(tx, { invoiceId: inv.id, amountCents: 10_000, method: "card", externalId: "pi_test_billing_1" }),
    );
    expect(r2.duplicate).toBe(true);
    expect(r2.payment.id).toBe(r1.payment.id);
    const paid = await getInvoice(ana, inv.id);
    expect(paid.status).toBe("paid");
    expect(paid.balanceDueCents).toBe(0);
    await expect(voidInvoice(ana, inv.id)).rejects.toThrow(/payments/);
  });

  it("voiding a draft releases its services to be invoiced again", async () => {
    const s = await recordService(ana, {
      profileId: P.mia,
      dateOfService: "2026-05-03",
      cptCode: "90832",
      modifiers: [],
      placeOfService: "11",
      units: 1,
      fee: 9_000,
      diagnosisCodes: [],
    });
    const inv = await createInvoice(ana, { profileId: P.mia, serviceIds: [s.id] });
    await expect(createInvoice(ana, { profileId: P.mia, serviceIds: [s.id] })).rejects.toThrow(/already on an invoice/);
    await voidInvoice(ana, inv.id);
    const again = await createInvoice(ana, { profileId: P.mia, serviceIds: [s.id] });
    expect(again.totalCents).toBe(9_000);
    expect(await countUnpaidInvoices(sam)).toBeGreaterThanOrEqual(1);
  });

  it("a superbill without a diagnosis is blocked and names the field; once complete its PDF holds every field", async () => {
    // Pat Park: date of birth but no diagnosis and no member ID in the demo data.
    await recordService(ana, {
      profileId: P.pat,
      dateOfService: "2026-06-03",
      cptCode: "90837",
      modifiers: ["95"],
      placeOfService: "10",
      units: 1,
      fee: 18_000,
      diagnosisCodes: [],
    });
    const period = { profileId: P.pat, periodStart: "2026-06-01", periodEnd: "2026-06-30" };
    expect(await checkSuperbill(ana, period)).toEqual(["member ID", "diagnosis"]);
    await expect(createSuperbill(ana, period)).rejects.toThrow(/Missing: member ID, diagnosis/);

    await updateClientBillingDetails(ana, { profileId: P.pat, diagnosisCodes: ["F41.1"], insuranceMemberId: "PPK555" });
    const sb = await createSuperbill(ana, period);
    await sendSuperbill(ana, sb.id);
    const pat = await principal(DEMO.pat, P.pat);
    const { bytes } = await downloadBillingPdf(pat, "superbills", sb.id);
    const { text } = await extractText(new Uint8Array(bytes), { mergePages: true });
    for (const needle of [
      "1245319599",
      "93-1234567",
      "Sep 30, 1982",
      "F41.1",
      "90837",
      "95",
      "PPK555",
      "Pat Park",
      "Ana Rivera",
      "LCSW",
    ])
      expect(text).toContain(needle);
    expect(text).toMatch(/\b10\b/);
    const [profile] = await db.select().from(clientProfiles).where(eq(clientProfiles.id, P.pat));
    expect(profile.diagnosisCodes).toEqual(["F41.1"]);
  });

  it("the invoice PDF holds the CPT codes and the total, under the practice's logo", async () => {
    // A 1×1 PNG as the practice logo: the header embeds it.
    const png =
      "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
    await db.update(practiceSettings).set({ logoDataUrl: png }).where(eq(practiceSettings.id, 1));
    const inv = await sentInvoice(ana, P.jordan, "2026-07-01", "90791", 20_000);
    const { bytes } = await downloadBillingPdf(ana, "invoices", inv.id);
    const { text } = await extractText(new Uint8Array(bytes), { mergePages: true });
    expect(text).toContain("90791");
    expect(text).toContain("$200.00");
    expect(text).toContain("Riverbend Counseling");
    const [row] = await db.select().from(invoices).where(eq(invoices.id, inv.id));
    expect(row.status).toBe("sent");
    await db.update(practiceSettings).set({ logoDataUrl: null }).where(eq(practiceSettings.id, 1));
  });
});
