import { describe, expect, it } from "vitest";
import { needsCrisisResources } from "./crisis";
import { telHref } from "@/lib/core/phone";
import { answerErrors, answerSchema, MUST_AGREE } from "./answer-schema";
import { LIBRARY } from "./library";
import { needsSafetyAlert, scoreMeasure, itemIds } from "./scoring";

const phq = (item9: string) => Object.fromEntries(itemIds("phq9").map((q, i) => [q, i === 8 ? item9 : "0"]));

describe("crisis resources and the safety alert rule", () => {
  it.each([
    ["0", false],
    ["1", true],
    ["3", true],
  ])("PHQ-9 item 9 = %s → crisis resources and alert: %s", (v, expected) => {
    expect(needsCrisisResources("phq9", phq(v))).toBe(expected);
    expect(needsSafetyAlert(scoreMeasure("phq9", phq(v)))).toBe(expected);
  });
  it("never for other forms", () => {
    expect(needsCrisisResources("gad7", { phq9_9: "3" })).toBe(false);
    expect(needsCrisisResources(null, { phq9_9: "3" })).toBe(false);
  });
  it("makes tap-to-call links from written phone numbers", () => {
    expect(telHref("(503) 555-0100")).toBe("tel:+15035550100");
    expect(telHref("+1 503 555 0100")).toBe("tel:+15035550100");
  });
});

describe("must agree", () => {
  const consent = LIBRARY.find((t) => t.key === "consent")!.questions;
  const npp = LIBRARY.find((t) => t.key === "npp")!.questions;
  const sig = { legalName: "Jordan Lee", relationship: "Self", consent: true };
  it("the library's consent and privacy notice require Yes", () => {
    expect(consent.find((q) => q.id === "agree")?.mustAgree).toBe(true);
    expect(npp.find((q) => q.id === "received")?.mustAgree).toBe(true);
  });
  it("No is refused at the field, in the browser's check and the server's alike", () => {
    const r = answerSchema(consent, "submit").safeParse({ agree: false, signature: sig });
    expect(r.success).toBe(false);
    expect(answerErrors(r.error!).agree).toBe(MUST_AGREE);
    expect(MUST_AGREE).toBe("You need to agree to continue.");
    expect(answerSchema(consent, "submit").safeParse({ agree: true, signature: sig }).success).toBe(true);
  });
  it("an ordinary yes/no question still takes No", () => {
    const q = [{ id: "ok", type: "yes_no" as const, label: "OK?", required: true }];
    expect(answerSchema(q, "submit").safeParse({ ok: false }).success).toBe(true);
  });
});
