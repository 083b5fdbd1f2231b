import { describe, expect, it } from "vitest";
import { checkLogoDataUrl, LOGO_MAX_BYTES, logoHref, logoVersion } from "./logo";
import { iconHref } from "./logo-file";

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

  it("gives each logo its own version however the pages alternate between them (the last answer is kept)", () => {
    const png = (fill: number) => `data:image/png;base64,${Buffer.alloc(200_000, fill).toString("base64")}`;
    const [a, b] = [png(1), png(2)];
    const first = logoVersion(a);
    const other = logoVersion(b);
    expect(other).not.toBe(first);
    // The same text again, as a new string read from the database: the same version, whichever came last.
    expect(logoVersion(png(1))).toBe(first);
    expect(logoVersion(b)).toBe(other);
    expect(logoHref(png(1))).toBe(`/practice/logo?v=${first}`);
  });

  it("the tab icon's address follows the logo and, without one, the practice's name", () => {
    const png = (fill: number) => `data:image/png;base64,${Buffer.alloc(1_000, fill).toString("base64")}`;
    const withLogo = iconHref({ name: "Riverbend", logoDataUrl: png(1) });
    expect(withLogo).toBe(`/practice/icon?v=${logoVersion(png(1))}`);
    expect(iconHref({ name: "Riverbend", logoDataUrl: png(2) })).toBe(`/practice/icon?v=${logoVersion(png(2))}`);
    expect(iconHref({ name: "Riverbend", logoDataUrl: png(1) })).toBe(withLogo);
    const initialR = iconHref({ name: "Riverbend", logoDataUrl: null });
    const initialM = iconHref({ name: "Maple", logoDataUrl: null });
    expect(initialR).not.toBe(withLogo);
    expect(initialM).not.toBe(initialR);
    expect(iconHref({ name: "Riverbend", logoDataUrl: null })).toBe(initialR);
  });
});
