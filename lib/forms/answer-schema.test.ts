import { describe, expect, it } from "vitest";
import { answerErrors, answerSchema } from "./answer-schema";
import { LIBRARY } from "./library";
import { paginate } from "./types";

const intake = LIBRARY.find((t) => t.key === "intake")!.questions;
const consent = LIBRARY.find((t) => t.key === "consent")!.questions;
const errorsOf = (r: ReturnType<ReturnType<typeof answerSchema>["safeParse"]>) =>
  r.success ? {} : answerErrors(r.error);

describe("the answer schema built from a template", () => {
  const draft = answerSchema(intake, "draft");
  it("accepts a partial draft and null to clear", () => {
    expect(
      draft.safeParse({ legal_name: "Jordan Lee", distress: 3, concerns: ["anxiety"], preferred_name: null }).success,
    ).toBe(true);
  });
  it.each([
    [{ nope: "x" }, "nope", /not part of the form/],
    [{ concerns: ["astrology"] }, "concerns", /options offered/],
    [{ distress: 11 }, "distress", /between 0 and 10/],
    [{ distress: 2.5 }, "distress", /whole number/],
    [{ phone: "x".repeat(100 * 1024) }, "phone", /under 500/],
    [{ reasons: "x".repeat(10_001) }, "reasons", /under 10000/],
    [{ dob: "12/04/1990" }, "dob", /YYYY-MM-DD/],
    [{ ok_to_leave_message: "yes" }, "ok_to_leave_message", /yes or no/],
  ])("refuses %j with a message at the field", (answers, field, message) => {
    expect(errorsOf(draft.safeParse(answers))[field]).toMatch(message);
  });
  it("on submit, required questions must be answered; optional ones may be left out", () => {
    const errs = errorsOf(answerSchema(intake, "submit").safeParse({ legal_name: "  " }));
    expect(errs.legal_name).toBe("This question needs an answer.");
    expect(errs.dob).toBeDefined();
    expect(errs.preferred_name).toBeUndefined();
  });
  it("a signature needs the typed name, a relationship and the consent box", () => {
    const submit = answerSchema(consent, "submit");
    expect(
      errorsOf(
        submit.safeParse({ agree: true, signature: { legalName: "Jordan Lee", relationship: "Self", consent: false } }),
      ).signature,
    ).toMatch(/Check the box/);
    expect(
      errorsOf(
        submit.safeParse({
          agree: true,
          signature: { legalName: "Jordan Lee", relationship: "Cousin", consent: true },
        }),
      ).signature,
    ).toMatch(/relationship/);
    expect(
      submit.safeParse({ agree: true, signature: { legalName: "Jordan Lee", relationship: "Self", consent: true } })
        .success,
    ).toBe(true);
  });
});

describe("pages", () => {
  it("start at each section heading and hold at most 5 questions", () => {
    const pages = paginate(intake);
    expect(pages.every((p) => p.filter((q) => q.type !== "heading" && q.type !== "info").length <= 5)).toBe(true);
    expect(pages.filter((p) => p[0].type === "heading")).toHaveLength(
      intake.filter((q) => q.type === "heading").length,
    );
  });
});
