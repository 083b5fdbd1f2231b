import { NextResponse, type NextRequest } from "next/server";
import { env, isSecureOrigin } from "@/lib/core/env";

/**
 * Security headers on every page (docs/decisions.md, Quality targets: Security headers on every page): a CSP with a per-request nonce, no framing, no
 * plugins, no <base>. This file never authorises anything (docs/decisions.md, Code conventions: Data-layer authorisation); the data layer does.
 */
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const isDev = env().NODE_ENV === "development";
  const stripe = Boolean(env().NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY);
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${isDev ? " 'unsafe-eval'" : ""}${stripe ? " https://js.stripe.com" : ""}`,
    // React sets style attributes (progress bars); scripts are what the nonce guards.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${stripe ? " https://api.stripe.com" : ""}`,
    `frame-src 'self'${stripe ? " https://js.stripe.com https://hooks.stripe.com" : ""}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  response.headers.set("X-Content-Type-Options", "nosniff");
  response.headers.set("X-Frame-Options", "DENY");
  // same-origin, not no-referrer: no URL (a sign-in token, a profile id) ever reaches another site, while our own
  // form posts keep a real Origin header — under no-referrer a form posted before hydration carries `Origin: null`
  // and Next refuses the server action (docs/decisions.md, Sign-in and sessions: Referrer policy).
  response.headers.set("Referrer-Policy", "same-origin");
  response.headers.set("Permissions-Policy", "camera=(self), microphone=(), geolocation=()");
  // Sign-in pages carry live tokens in their URL or form: never stored by a browser or a shared cache (docs/product.md, Sign-in rule 8; docs/decisions.md, Sign-in and sessions: Confirm pages).
  if (request.nextUrl.pathname.startsWith("/sign-in")) response.headers.set("Cache-Control", "no-store");
  // HSTS in production: behind a TLS-terminating proxy the request itself is http, so APP_URL decides too.
  if (request.nextUrl.protocol === "https:" || isSecureOrigin())
    response.headers.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
  return response;
}

export const config = {
  // api/files is left out: a proxy makes Next buffer request bodies (up to 10 MB), and uploads must stream;
  // those route handlers set their own headers (lib/documents/http.ts).
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico|static-check.html|api/files).*)" }],
};
