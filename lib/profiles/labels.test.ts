import { describe, expect, it } from "vitest";
import { signedInAs } from "./labels";

describe("signedInAs (portal home greeting)", () => {
  it("greets a guardian by their own name and says whose profile they manage", () => {
    expect(signedInAs("Pat Park", "Mia Park", "guardian")).toEqual({
      greeting: "Welcome, Pat Park",
      identity: "Pat Park — managing Mia Park",
    });
  });
  it("greets a client on their own profile by name", () => {
    expect(signedInAs("Jordan Lee", "Jordan Lee", "self").greeting).toBe("Welcome, Jordan Lee");
  });
  it("names both the partner and the couple profile", () => {
    expect(signedInAs("Jordan Lee", "Jordan & Casey Lee", "partner").identity).toBe(
      "Jordan Lee — in the couple profile Jordan & Casey Lee",
    );
  });
  it("never greets a guardian without a name on file as the child", () => {
    const r = signedInAs(null, "Mia Park", "guardian");
    expect(r.greeting).toBe("Welcome back");
    expect(r.identity).toBe("You — managing Mia Park");
  });
});
