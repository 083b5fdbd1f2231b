import { describe, expect, it } from "vitest";
import { extractText } from "unpdf";
import {
  amountOwed,
  clientPaymentProblem,
  formatCents,
  formatDeduction,
  invoiceBalance,
  receivedOnProblem,
} from "./money";
import { buildStatement, type LedgerEntry } from "./statement-build";
import { renderInvoicePdf, renderStatementPdf } from "./pdf/render-core";
import { payAmountSchema } from "@/lib/payments/schemas";

const ledger: LedgerEntry[] = [
  { date: "2026-10-20", kind: "charge", description: "old", amountCents: 10_000 },
  { date: "2026-11-05", kind: "charge", description: "nov charge", amountCents: 9_000 },
  { date: "2026-11-20", kind: "payment", description: "nov payment", amountCents: 4_000 },
  { date: "2026-12-02", kind: "payment", description: "dec payment", amountCents: 5_000 },
  { date: "2026-12-10", kind: "payment", description: "after as-of", amountCents: 1_000 },
];

/** The money rules behind what a client and staff see (docs/decisions.md, Money). */
describe("money shown on screen and on paper", () => {
  it("never prints negative zero", () => {
    expect(formatCents(-0)).toBe("$0.00");
    expect(formatDeduction(0)).toBe("$0.00");
    expect(formatDeduction(-0)).toBe("$0.00");
    expect(formatDeduction(9_000)).toBe("−$90.00");
  });

  it("a draft shows the balance it will have once sent; a void one owes nothing; drafts are not owed yet", () => {
    expect(invoiceBalance({ status: "draft", totalCents: 35_000, paidCents: 0 })).toBe(35_000);
    expect(invoiceBalance({ status: "void", totalCents: 35_000, paidCents: 0 })).toBe(0);
    expect(invoiceBalance({ status: "partially_paid", totalCents: 35_000, paidCents: 5_000 })).toBe(30_000);
    expect(
      amountOwed([
        { status: "draft", totalCents: 35_000, paidCents: 0 },
        { status: "sent", totalCents: 9_000, paidCents: 0 },
        { status: "void", totalCents: 1_000, paidCents: 0 },
      ]),
    ).toBe(9_000);
  });
});

describe("partial payments by the client", () => {
  it("at least $1 (or the rest when less is left), never more than the balance", () => {
    expect(clientPaymentProblem(9_000, 9_000)).toBeNull();
    expect(clientPaymentProblem(9_000, 100)).toBeNull();
    expect(clientPaymentProblem(9_000, 99)).toBe("Pay at least $1.00.");
    expect(clientPaymentProblem(9_000, 9_001)).toBe("The most you can pay is the balance due, $90.00.");
    expect(clientPaymentProblem(50, 50)).toBeNull();
    expect(clientPaymentProblem(50, 49)).toBe("Pay at least $0.50.");
    expect(clientPaymentProblem(9_000, 0)).toMatch(/greater than zero/);
  });

  it("the pay form's field says the same as the server, as typed", () => {
    const schema = payAmountSchema(9_000);
    const message = (amount: string) => {
      const r = schema.safeParse({ amount });
      return r.success ? null : r.error.issues[0].message;
    };
    expect(message("40")).toBeNull();
    expect(message("$90.00")).toBeNull();
    expect(message("")).toBe("Enter the amount to pay.");
    expect(message("forty")).toBe("Enter the amount in dollars, like 40 or 40.00.");
    expect(message("0.50")).toBe("Pay at least $1.00.");
    expect(message("90.01")).toBe("The most you can pay is the balance due, $90.00.");
  });
});

describe("dates of payments and statements", () => {
  it("a payment cannot be dated after the practice's today", () => {
    expect(receivedOnProblem("2030-01-01", "2026-12-03")).toBe("The date received cannot be in the future.");
    expect(receivedOnProblem("2026-12-03", "2026-12-03")).toBeNull();
    expect(receivedOnProblem(undefined, "2026-12-03")).toBeNull();
  });

  it("as of a later day, a statement lists what came in after the period and the balance on that day", () => {
    const st = buildStatement("2026-11-01", "2026-11-30", ledger, "2026-12-03");
    expect(st.asOf).toBe("2026-12-03");
    expect(st.openingBalanceCents).toBe(10_000);
    expect(st.openingBalanceCents + st.chargesCents - st.paymentsCents).toBe(st.closingBalanceCents);
    expect(st.closingBalanceCents).toBe(15_000);
    expect(st.laterEntries?.map((e) => e.description)).toEqual(["dec payment"]);
    expect(st.balanceAsOfCents).toBe(10_000);
  });

  it("as of a day inside the period, nothing after it is counted", () => {
    const st = buildStatement("2026-11-01", "2026-11-30", ledger, "2026-11-10");
    expect(st.entries.map((e) => e.description)).toEqual(["nov charge"]);
    expect(st.closingBalanceCents).toBe(19_000);
    expect(st.balanceAsOfCents).toBe(19_000);
  });
});

const practice = {
  name: "Riverbend Counseling",
  legalName: null,
  address: ["1 Main St"],
  phone: null,
  logoDataUrl: null,
};
const pdfText = async (bytes: Buffer) => (await extractText(new Uint8Array(bytes), { mergePages: true })).text;

describe("billing PDFs", () => {
  it("a statement with no payments prints $0.00, not -$0.00, and says what day it is as of", async () => {
    const st = buildStatement("2026-11-01", "2026-11-30", ledger.slice(0, 2), "2026-12-03");
    const text = await pdfText(await renderStatementPdf(practice, { ...st, clientName: "Jordan Lee" }));
    expect(text).toContain("As of Dec 3, 2026");
    expect(text).not.toContain("-$0.00");
    expect(text).toMatch(/Payments\s*\$0\.00/);
  });

  it("a draft invoice's PDF shows the same balance due as its page: the total", async () => {
    const text = await pdfText(
      await renderInvoicePdf(practice, {
        number: 7,
        status: "draft",
        issuedOn: null,
        dueOn: null,
        clientName: "Jordan Lee",
        totalCents: 35_000,
        paidCents: 0,
        lines: [
          {
            dateOfService: "2026-12-01",
            cptCode: "90791",
            description: "Intake",
            units: 1,
            unitFeeCents: 35_000,
            amountCents: 35_000,
          },
        ],
        payments: [],
      }),
    );
    expect(text).toMatch(/Balance due\s*\$350\.00/);
    expect(formatCents(invoiceBalance({ status: "draft", totalCents: 35_000, paidCents: 0 }))).toBe("$350.00");
  });
});
