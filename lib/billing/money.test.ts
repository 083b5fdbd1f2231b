import { describe, expect, it } from "vitest";
import {
  balanceDue,
  centsToInput,
  checkPayment,
  closingBalance,
  formatCents,
  invoiceTotal,
  lineAmount,
  statusAfterPayment,
  sumCents,
} from "./money";
import { parseDollars } from "@/lib/core/validation";

describe("money", () => {
  it("a line's charge is units times the fee, in whole cents", () => {
    expect(lineAmount(2, 15_000)).toBe(30_000);
    expect(() => lineAmount(0, 100)).toThrow();
    expect(() => lineAmount(1, 10.5)).toThrow();
  });

  it("an invoice total adds its lines without floating-point drift", () => {
    // 0.1 + 0.2 style drift cannot happen in cents.
    expect(
      invoiceTotal([
        { units: 1, unitFeeCents: 10 },
        { units: 1, unitFeeCents: 20 },
      ]),
    ).toBe(30);
    expect(invoiceTotal([])).toBe(0);
    expect(sumCents([17_500, 15_000, 20_000])).toBe(52_500);
  });

  it("balance due never goes below zero", () => {
    expect(balanceDue(52_500, 20_000)).toBe(32_500);
    expect(balanceDue(10_000, 12_000)).toBe(0);
  });

  it("status follows the payments: sent, partially paid, paid", () => {
    expect(statusAfterPayment(10_000, 0)).toBe("sent");
    expect(statusAfterPayment(10_000, 1)).toBe("partially_paid");
    expect(statusAfterPayment(10_000, 10_000)).toBe("paid");
  });

  it("refuses payments of zero, fractions of a cent, or more than the balance", () => {
    expect(checkPayment(10_000, 0, 0)).toMatch(/greater than zero/);
    expect(checkPayment(10_000, 0, 1.5)).toMatch(/greater than zero/);
    expect(checkPayment(10_000, 4_000, 6_001)).toMatch(/more than the balance/);
    expect(checkPayment(10_000, 4_000, 6_000)).toBeNull();
  });

  it("closing balance is opening + charges − payments", () => {
    expect(closingBalance(5_000, 30_000, 12_500)).toBe(22_500);
    expect(closingBalance(0, 0, 2_000)).toBe(-2_000);
  });

  it("parses typed dollar amounts exactly", () => {
    expect(parseDollars("120")).toBe(12_000);
    expect(parseDollars("120.5")).toBe(12_050);
    expect(parseDollars("$1,200.05")).toBe(120_005);
    expect(parseDollars("0.29")).toBe(29);
    expect(parseDollars("12.345")).toBeNull();
    expect(parseDollars("-5")).toBeNull();
    expect(parseDollars("abc")).toBeNull();
  });

  it("formats cents as dollars", () => {
    expect(formatCents(123_450)).toBe("$1,234.50");
    expect(formatCents(5)).toBe("$0.05");
    expect(formatCents(-1_200)).toBe("−$12.00");
    expect(centsToInput(17_505)).toBe("175.05");
  });
});
