import { describe, expect, it } from "vitest";
import { isSameOriginRequest } from "./http";

const req = (headers: Record<string, string>, url = "http://localhost:3000/api/x") =>
  new Request(url, { method: "POST", headers: { host: "localhost:3000", ...headers } });

describe("isSameOriginRequest (docs/decisions.md: same-origin requests)", () => {
  it("state-changing requests need proof: our Origin, or Origin: null with Sec-Fetch-Site: same-origin", () => {
    const strict = { requireProof: true };
    expect(isSameOriginRequest(req({ origin: "http://localhost:3000" }), strict)).toBe(true);
    expect(isSameOriginRequest(req({ origin: "null", "sec-fetch-site": "same-origin" }), strict)).toBe(true);
    expect(isSameOriginRequest(req({ "sec-fetch-site": "same-origin" }), strict)).toBe(true);
    expect(isSameOriginRequest(req({ origin: "null" }), strict)).toBe(false);
    expect(isSameOriginRequest(req({}), strict)).toBe(false);
    expect(isSameOriginRequest(req({ origin: "https://evil.example" }), strict)).toBe(false);
    expect(isSameOriginRequest(req({ origin: "http://localhost:3000", "sec-fetch-site": "cross-site" }), strict)).toBe(
      false,
    );
    expect(isSameOriginRequest(req({ "sec-fetch-site": "none" }), strict)).toBe(false);
  });
  it("downloads are refused only when the browser says another site asked", () => {
    const lax = { requireProof: false };
    expect(isSameOriginRequest(req({}), lax)).toBe(true);
    expect(isSameOriginRequest(req({ "sec-fetch-site": "none" }), lax)).toBe(true);
    expect(isSameOriginRequest(req({ "sec-fetch-site": "same-origin" }), lax)).toBe(true);
    expect(isSameOriginRequest(req({ "sec-fetch-site": "cross-site" }), lax)).toBe(false);
    expect(isSameOriginRequest(req({ "sec-fetch-site": "same-site" }), lax)).toBe(false);
    expect(isSameOriginRequest(req({ origin: "https://evil.example" }), lax)).toBe(false);
    expect(isSameOriginRequest(req({ origin: "null" }), lax)).toBe(false);
  });
  it("behind a proxy, the forwarded host is ours too", () => {
    expect(
      isSameOriginRequest(
        req({ origin: "https://portal.example", "x-forwarded-host": "portal.example", "x-forwarded-proto": "https" }),
        { requireProof: true },
      ),
    ).toBe(true);
  });
});
