import "server-only";
import { isStaff, type Principal } from "@/lib/core/principal";

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

/**
 * A Download link followed to a file that was withdrawn, removed or never was: a browser navigation is sent back
 * to the documents page with a notice, never handed a JSON error to save as "<id>.json" (docs/decisions.md, Files).
 * Other requests (fetch, scripts) keep the plain 404. The notice is a fixed word in the URL, never a name.
 */
export function unavailableRedirect(req: Request, principal: Pick<Principal, "role">): Response | null {
  const navigating =
    req.headers.get("sec-fetch-mode") === "navigate" || (req.headers.get("accept") ?? "").includes("text/html");
  if (!navigating) return null;
  const to = isStaff(principal) ? "/dashboard/documents?notice=unavailable" : "/portal/documents?notice=unavailable";
  return new Response(null, { status: 303, headers: { ...BASE_HEADERS, Location: to } });
}
