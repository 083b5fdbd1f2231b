import "server-only";

/**
 * Headers of the file route handlers, which the page proxy does not cover (it would buffer upload bodies). Their
 * origin check and error mapping are lib/auth/route.ts's (defineRoute).
 */
export const BASE_HEADERS = {
  "Cache-Control": "no-store",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "Cross-Origin-Resource-Policy": "same-origin",
} as const;

export function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { ...BASE_HEADERS, "Content-Type": "application/json" },
  });
}
