import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth/auth";
import { isRefusedAuthPath } from "@/lib/auth/http-endpoints";

/**
 * Auth.js's HTTP endpoints, minus its callbacks. Every Haven provider is a credentials provider ("link", "pin"),
 * which Auth.js would also expose at POST /api/auth/callback/<id> (with a token from GET /api/auth/csrf), beside
 * Haven's own forms and around their checks. Haven's forms call signIn() on the server, which never comes through
 * here, so those URLs answer 404 (lib/auth/http-endpoints.ts).
 */
const notFound = () => new Response("Not found", { status: 404, headers: { "Cache-Control": "no-store" } });

export const GET = (req: NextRequest) =>
  isRefusedAuthPath(new URL(req.url).pathname) ? notFound() : handlers.GET(req);
export const POST = (req: NextRequest) =>
  isRefusedAuthPath(new URL(req.url).pathname) ? notFound() : handlers.POST(req);
