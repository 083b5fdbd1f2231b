import { describe, expect, it } from "vitest";
import { telHref } from "./phone";

describe("telHref", () => {
  it("keeps only what a phone dials", () => {
    expect(telHref("(503) 555-0100")).toBe("tel:+15035550100");
    expect(telHref("+1 503.555.0100")).toBe("tel:+15035550100");
  });
  it("dials an extension after a pause", () => {
    expect(telHref("503-555-0100 ext. 12")).toBe("tel:+15035550100,12");
  });
  it("gives no link for an empty or undialable number", () => {
    expect(telHref(null)).toBeNull();
    expect(telHref("")).toBeNull();
    expect(telHref("call us")).toBeNull();
  });
});
