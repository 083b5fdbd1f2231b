import { describe, expect, it } from "vitest";
import { formatExpiryInput, parseExpiry } from "./expiry";
import { readTestCard } from "./test-cards";

describe("parseExpiry", () => {
  it.each(["1229", "12/29", "12 / 29", "12/2029", "122029", " 12/29 ", "12-29", "12 29"])(
    "reads %j as December 2029",
    (raw) => expect(parseExpiry(raw)).toEqual({ month: 12, year: 2029 }),
  );
  it("reads a one-digit month before a slash", () => {
    expect(parseExpiry("1/29")).toEqual({ month: 1, year: 2029 });
  });
  it.each(["", "12", "13/29", "00/29", "1/2", "12/290", "ab/cd", "129"])("refuses %j", (raw) =>
    expect(parseExpiry(raw)).toBeNull(),
  );
});

describe("formatExpiryInput (as typed)", () => {
  it("adds the slash a phone's numeric keypad cannot type", () => {
    const typed = ["1", "12", "122", "1229"].map(formatExpiryInput);
    expect(typed).toEqual(["1", "12", "12/2", "12/29"]);
  });
  it("keeps a typed slash and pads a one-digit month", () => {
    expect(formatExpiryInput("12/29")).toEqual("12/29");
    expect(formatExpiryInput("12 / 29")).toEqual("12/29");
    expect(formatExpiryInput("1/")).toEqual("01/");
  });
  it("backspacing over the slash leaves the month", () => {
    expect(formatExpiryInput("12/")).toEqual("12/");
    expect(formatExpiryInput("12")).toEqual("12");
  });
  it("a first digit of 2–9 is a one-digit month", () => {
    expect(formatExpiryInput("429")).toEqual("04/29");
  });
  it("what it shows always parses back to the same month and year", () => {
    for (const raw of ["1229", "12/29", "12 / 29", "0130", "1/30", "12/2029"])
      expect(parseExpiry(formatExpiryInput(raw))).toEqual(parseExpiry(raw));
  });
});

describe("readTestCard takes the keypad's expiry", () => {
  const today = new Date("2026-12-03T12:00:00Z");
  it("accepts 1229", () => {
    expect(readTestCard({ number: "4242424242424242", expiry: "1229", cvc: "123" }, today)).toMatchObject({
      ok: true,
      expMonth: 12,
      expYear: 2029,
    });
  });
  it("still refuses a month that does not exist, at the expiry field", () => {
    expect(readTestCard({ number: "4242424242424242", expiry: "1329", cvc: "123" }, today)).toMatchObject({
      ok: false,
      field: "expiry",
    });
  });
});
