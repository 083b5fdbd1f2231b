import { describe, expect, it } from "vitest";
import { checkLogoDataUrl, LOGO_MAX_BYTES, logoHref, logoVersion } from "./logo";

const PNG_1PX = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

describe("practice logo", () => {
  it("accepts a PNG by its bytes, whatever type was declared", () => {
    const r = checkLogoDataUrl(`data:application/octet-stream;base64,${PNG_1PX}`);
    expect(r).toEqual({ ok: true, dataUrl: `data:image/png;base64,${PNG_1PX}` });
  });
  it("accepts JPEG bytes", () => {
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]).toString("base64");
    expect(checkLogoDataUrl(`data:image/jpeg;base64,${jpeg}`).ok).toBe(true);
  });
  it("refuses an SVG or text named as a PNG, and an oversized file", () => {
    const svg = Buffer.from("<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>").toString(
      "base64",
    );
    expect(checkLogoDataUrl(`data:image/png;base64,${svg}`)).toEqual({
      ok: false,
      error: "The logo must be a PNG or JPEG image.",
    });
    const big = Buffer.alloc(LOGO_MAX_BYTES + 1);
    big.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(checkLogoDataUrl(`data:image/png;base64,${big.toString("base64")}`).ok).toBe(false);
    expect(checkLogoDataUrl("javascript:alert(1)").ok).toBe(false);
  });
});

describe("logo address", () => {
  it("changes when the logo changes and is stable otherwise", () => {
    const a = "data:image/png;base64,iVBORw0KGgoAAAA";
    const b = "data:image/png;base64,iVBORw0KGgoAAAB";
    expect(logoVersion(a)).toBe(logoVersion(a));
    expect(logoVersion(a)).not.toBe(logoVersion(b));
    expect(logoHref(a)).toBe(`/practice/logo?v=${logoVersion(a)}`);
    expect(logoHref(null)).toBeNull();
  });
});
