import { describe, expect, it } from "vitest";
import { findCardNumbersInRequest } from "./card-scan";

const VISA = "4242424242424242";
const DECLINE = "4000000000000002";

describe("the browser specs' card-number watcher", () => {
  it("finds a planted 4242 4242 4242 4242 however the browser writes it", () => {
    for (const sent of [
      "4242424242424242",
      "4242 4242 4242 4242",
      "4242-4242-4242-4242",
      "4242.4242.4242.4242",
      "number=4242+4242+4242+4242&exp=12%2F30",
      "https://haven.test/pay?card=4242%204242%204242%204242",
      "%34%32%34%32%34%32%34%32%34%32%34%32%34%32%34%32",
      '{"number":"\\u0034242 4242 4242 4242"}',
      encodeURIComponent(JSON.stringify([{ card: "4242 4242 4242 4242" }])),
    ]) {
      expect(findCardNumbersInRequest(`POST /portal/billing ${sent}`), sent).toContain(VISA);
    }
  });

  it("finds the decline card, whose zeros and twos an earlier filter threw away", () => {
    expect(findCardNumbersInRequest("x=4000%200000%200000%200002")).toContain(DECLINE);
    expect(findCardNumbersInRequest("4000 0000 0000 0002")).toContain(DECLINE);
  });

  it("finds a Luhn-valid card number that is not one of the planted test cards", () => {
    expect(findCardNumbersInRequest("card=4111+1111+1111+1111")).toContain("4111111111111111");
  });

  it("does not flag what the card form is allowed to send: brand, last 4, expiry, ids, amounts, times", () => {
    const allowed = [
      '{"brand":"visa","last4":"4242","expMonth":12,"expYear":2030,"token":"tok_test_9f3c2a7e"}',
      "Visa •••• 4242, expires 12/30",
      "/portal/billing/pay/00000e2e-0000-4000-8000-000000000241",
      "amountCents=53000&at=1764600000000",
      "%E2%80%A2%E2%80%A2%E2%80%A2%E2%80%A2%204242",
      "4242 4242", // eight digits are not a card
    ];
    for (const text of allowed) expect(findCardNumbersInRequest(text), text).toEqual([]);
  });

  it("leaves malformed percent sequences alone instead of failing", () => {
    expect(() => findCardNumbersInRequest("%E2%80 %ZZ 100%")).not.toThrow();
    expect(findCardNumbersInRequest("%E2%80 4242 4242 4242 4242")).toContain(VISA);
  });
});
