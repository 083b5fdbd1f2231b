import { afterEach, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { proxy } from "@/proxy";

/** docs/decisions.md, Quality targets: Security headers on every page. The CSP allows js.stripe.com only when Stripe is configured. */
function csp(): string {
  const res = proxy(new NextRequest("http://localhost:3000/portal/billing/payment-method"));
  return res.headers.get("content-security-policy") ?? "";
}

afterEach(() => {
  delete process.env.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY;
});

describe("content security policy and Stripe", () => {
  it("without a publishable key (test mode) no Stripe origin is allowed anywhere", () => {
    delete process.env.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY;
    const policy = csp();
    expect(policy).toContain("script-src 'self' 'nonce-");
    expect(policy).not.toContain("stripe.com");
  });

  it("with a publishable key, scripts and frames from js.stripe.com and calls to api.stripe.com are allowed", () => {
    process.env.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY = "pk_test_123";
    const directives = Object.fromEntries(
      csp()
        .split(";")
        .map((d) => d.trim().split(/\s+/))
        .map(([name, ...values]) => [name, values]),
    );
    expect(directives["script-src"]).toContain("https://js.stripe.com");
    expect(directives["frame-src"]).toEqual(
      expect.arrayContaining(["https://js.stripe.com", "https://hooks.stripe.com"]),
    );
    expect(directives["connect-src"]).toContain("https://api.stripe.com");
    // Nothing else is opened up.
    expect(directives["default-src"]).toEqual(["'self'"]);
    expect(directives["object-src"]).toEqual(["'none'"]);
  });
});
