import { describe, expect, it } from "vitest";
import { brandOf, cardLabel, expiryLabel, findCardNumbers, readTestCard } from "./test-cards";
import { luhnValid } from "@/lib/core/validation";

const today = new Date("2026-11-27T12:00:00Z");

describe("test-mode card form (runs in the browser)", () => {
  it("accepts 4242 4242 4242 4242 and reduces it to brand, last 4 and expiry", () => {
    expect(readTestCard({ number: "4242 4242 4242 4242", expiry: "12/30", cvc: "123" }, today)).toEqual({
      ok: true,
      brand: "visa",
      last4: "4242",
      expMonth: 12,
      expYear: 2030,
    });
  });
  it("accepts the decline card (the decline is decided when it is used, not here)", () => {
    expect(readTestCard({ number: "4000 0000 0000 0002", expiry: "01/29", cvc: "123" }, today)).toMatchObject({
      ok: true,
      last4: "0002",
    });
  });
  it("refuses numbers that fail the checksum, real cards, past expiry and short CVCs", () => {
    expect(readTestCard({ number: "4242 4242 4242 4241", expiry: "12/30", cvc: "123" }, today)).toMatchObject({
      ok: false,
      field: "number",
    });
    expect(readTestCard({ number: "4111 1111 1111 1111", expiry: "12/30", cvc: "123" }, today)).toMatchObject({
      ok: false,
      field: "number",
      message: expect.stringMatching(/test card/),
    });
    expect(readTestCard({ number: "4242424242424242", expiry: "10/26", cvc: "123" }, today)).toMatchObject({
      ok: false,
      field: "expiry",
    });
    expect(readTestCard({ number: "4242424242424242", expiry: "13/30", cvc: "123" }, today)).toMatchObject({
      ok: false,
      field: "expiry",
    });
    expect(readTestCard({ number: "378282246310005", expiry: "12/30", cvc: "123" }, today)).toMatchObject({
      ok: false,
      field: "cvc",
    });
  });
  it("names brands and formats labels", () => {
    expect(brandOf("5555555555554444")).toBe("mastercard");
    expect(brandOf("378282246310005")).toBe("amex");
    expect(cardLabel("visa", "4242")).toBe("Visa •••• 4242");
    expect(expiryLabel(3, 2031)).toBe("03/31");
  });
});

describe("card-number scan", () => {
  it("finds Luhn-valid 13–19 digit numbers, bare or grouped, and ignores others", () => {
    expect(luhnValid("4242424242424242")).toBe(true);
    expect(findCardNumbers("x 4242424242424242 y")).toEqual(["4242424242424242"]);
    expect(findCardNumbers("card 4000 0000 0000 0002.")).toEqual(["4000 0000 0000 0002"]);
    expect(findCardNumbers("ts 1764216000000 id 00000000-0000-4000-8000-000000000101 last4 4242")).toEqual([]);
    // A session hash from a real run: its Luhn-valid digit run is part of a hex word, not a number.
    expect(findCardNumbers('{"id":"9fa4d1c2e435826140055065b7d0","pan":"4242424242424242"}')).toEqual([
      "4242424242424242",
    ]);
    expect(findCardNumbers("number=4242424242424242;")).toEqual(["4242424242424242"]);
  });
});
