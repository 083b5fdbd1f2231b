import "server-only";
import type { z } from "zod";
import { isStaff, type Principal } from "@/lib/core/principal";
import { GENERIC_ERROR, isExpectedError, ValidationError } from "@/lib/core/errors";
import { log } from "@/lib/core/log";
import { zodFieldErrors } from "@/lib/core/validation";
import { NO_STORE_HEADERS } from "@/lib/auth/route";

/**
 * The message forms post natively (they work without JavaScript: post, then the page reloads) and, with
 * JavaScript, by fetch asking for JSON so that an error shows at the field with the typed text kept.
 */
export function wantsJson(req: Request): boolean {
  return (req.headers.get("accept") ?? "").includes("application/json");
}

/** Where a conversation is read: the portal's thread, or the staff thread under the client. */
export function threadHref(p: Pick<Principal, "role">, ids: { conversationId: string; profileId: string }): string {
  return isStaff(p) ? `/dashboard/clients/${ids.profileId}/messages` : `/portal/messages/${ids.conversationId}`;
}

/** A form's fields as strings (files are read separately). */
export async function readForm(req: Request): Promise<Record<string, string>> {
  const fd = await req.formData();
  const out: Record<string, string> = {};
  for (const [k, v] of fd.entries()) if (typeof v === "string") out[k] = v;
  return out;
}

export function parseOrThrow<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const r = schema.safeParse(raw);
  if (!r.success) throw new ValidationError("Please correct the highlighted fields.", zodFieldErrors(r.error));
  return r.data;
}

/** Same-site path to return to after a native post; anything else falls back. */
export function safeBack(raw: string | undefined, fallback: string): string {
  return raw && /^\/(portal|dashboard)\/[A-Za-z0-9/_-]*$/.test(raw) ? raw : fallback;
}

/**
 * The answer to a message form: JSON for fetch; for a native post a 303 back to the thread, with a short error
 * code in the query (never the text or any PHI) when it failed.
 */
export async function answerForm(
  req: Request,
  back: string,
  run: () => Promise<{ href?: string; data?: unknown }>,
): Promise<Response> {
  const json = wantsJson(req);
  try {
    const r = await run();
    if (json)
      return new Response(JSON.stringify({ ok: true, data: r.data ?? null }), {
        status: 200,
        headers: { ...NO_STORE_HEADERS, "Content-Type": "application/json" },
      });
    return redirect(req, r.href ?? back);
  } catch (e) {
    const expected = isExpectedError(e);
    if (!expected) log.error("message form failed", e);
    const status = expected ? e.status : 500;
    const error = expected ? e.message : GENERIC_ERROR;
    if (json)
      return new Response(
        JSON.stringify({
          ok: false,
          error,
          ...(e instanceof ValidationError && Object.keys(e.fieldErrors).length ? { fieldErrors: e.fieldErrors } : {}),
        }),
        { status, headers: { ...NO_STORE_HEADERS, "Content-Type": "application/json" } },
      );
    if (status === 404) return new Response("Not found.", { status: 404, headers: NO_STORE_HEADERS });
    const code = status === 429 ? "rate" : status === 409 ? "window" : status === 400 ? "invalid" : "failed";
    return redirect(req, `${back}?error=${code}`);
  }
}

// A relative Location: the browser resolves it against the page's own origin, whatever host the server saw.
function redirect(_req: Request, path: string): Response {
  return new Response(null, { status: 303, headers: { ...NO_STORE_HEADERS, Location: path } });
}
