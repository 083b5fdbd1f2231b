import { describe, expect, it } from "vitest";
import { formPage, isSameOrigin } from "./sign-in-forms";

const req = (headers: Record<string, string>) =>
  new Request("http://localhost:3000/sign-in/request-link", {
    method: "POST",
    headers: { host: "localhost:3000", ...headers },
  });

describe("isSameOrigin (route handlers that change state check Origin)", () => {
  it("accepts this app's origin, and Origin: null only when the browser says same-origin", () => {
    expect(isSameOrigin(req({ origin: "http://localhost:3000" }))).toBe(true);
    expect(isSameOrigin(req({ origin: "null", "sec-fetch-site": "same-origin" }))).toBe(true);
  });
  it("refuses other origins, cross-site fetches, and posts with no origin information", () => {
    expect(isSameOrigin(req({ origin: "https://evil.example" }))).toBe(false);
    expect(isSameOrigin(req({ origin: "http://localhost:3000", "sec-fetch-site": "cross-site" }))).toBe(false);
    expect(isSameOrigin(req({ origin: "null" }))).toBe(false);
    expect(isSameOrigin(req({}))).toBe(false);
  });
});

describe("formPage (the no-JavaScript answer to a refused form)", () => {
  it("escapes what was typed and never shows a PIN", () => {
    const html = formPage("pin", {
      status: 401,
      error: "No.",
      fieldErrors: { pin: ["No."] },
      email: '"><script>alert(1)</script>',
    });
    expect(html).not.toContain("<script>");
    expect(html).toContain("&quot;&gt;&lt;script&gt;");
    expect(html).toMatch(/<input id="f-pin" name="pin" [^>]*value=""/);
    expect(html).toContain('<html lang="en">');
  });
});
