import { describe, expect, it } from "vitest";
import { maskEmail, openFromUrl, sealForUrl } from "@/lib/core/crypto";

describe("maskEmail", () => {
  it("keeps the first letters and the top-level domain only", () => {
    expect(maskEmail("jordan.lee@example.com")).toBe("j••••••••@e••••••.com");
    expect(maskEmail("a@b.io")).toBe("a@b.io");
  });
});

describe("sealForUrl / openFromUrl", () => {
  const ctx = "clients.q:user-1";

  it("round-trips a search term without showing it", () => {
    const sealed = sealForUrl("Jordan Lee", ctx);
    expect(sealed).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(sealed.toLowerCase()).not.toContain("jordan");
    expect(openFromUrl(sealed, ctx)).toBe("Jordan Lee");
    expect(openFromUrl(sealForUrl("jordan.lee@example.com", ctx), ctx)).toBe("jordan.lee@example.com");
  });

  it("gives a different value each time, so logs cannot match two searches for the same name", () => {
    expect(sealForUrl("Jordan", ctx)).not.toBe(sealForUrl("Jordan", ctx));
  });

  it("treats a tampered value as no value", () => {
    const sealed = sealForUrl("Jordan", ctx);
    const raw = Buffer.from(sealed, "base64url");
    for (const i of [0, 5, 14, raw.length - 1]) {
      const bad = Buffer.from(raw);
      bad[i] ^= 1;
      expect(openFromUrl(bad.toString("base64url"), ctx)).toBeNull();
    }
    expect(openFromUrl(sealed.slice(0, -2), ctx)).toBeNull();
  });

  it("refuses a value sealed for another user or another field", () => {
    const sealed = sealForUrl("Jordan", ctx);
    expect(openFromUrl(sealed, "clients.q:user-2")).toBeNull();
    expect(openFromUrl(sealed, "audit.profile:user-1")).toBeNull();
  });

  it("refuses plain text and junk", () => {
    for (const v of ["Jordan", "jordan.lee@example.com", "", "%%%", "AAAA", undefined, null])
      expect(openFromUrl(v, ctx)).toBeNull();
  });
});
