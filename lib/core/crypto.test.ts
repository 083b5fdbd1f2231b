import { describe, expect, it } from "vitest";
import { maskEmail } from "@/lib/core/crypto";

describe("maskEmail", () => {
  it("keeps the first letters and the top-level domain only", () => {
    expect(maskEmail("jordan.lee@example.com")).toBe("j••••••••@e••••••.com");
    expect(maskEmail("a@b.io")).toBe("a@b.io");
  });
});
