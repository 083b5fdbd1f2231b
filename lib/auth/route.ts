import "server-only";
import { z } from "zod";
import {
  isAdmin,
  isStaff,
  type Principal,
  type AdminPrincipal,
  type ClientPrincipal,
  type StaffPrincipal,
} from "@/lib/core/principal";
import { requireActiveProfile } from "@/lib/profiles/access";
import {
  ForbiddenError,
  GENERIC_ERROR,
  isExpectedError,
  isNextControlFlow,
  NotFoundError,
  ValidationError,
} from "@/lib/core/errors";
import { isSameOriginRequest } from "@/lib/core/http";
import { log } from "@/lib/core/log";
import { zodFieldErrors } from "@/lib/core/validation";
import type { ClientProfile } from "@/db/schema";

/**
 * The one route-handler wrapper, as defineAction is for server actions (docs/decisions.md "defineRoute"):
 * origin check → principal and role → route params and input parsed with zod → handler → ONE error mapping.
 *
 * - `origin`: "same-origin" for requests that change something (a same-origin Origin, or `Origin: null` with
 *   `Sec-Fetch-Site: same-origin`, is required), "not-cross-site" for downloads (refused only when the browser says
 *   the request comes from another site), "any" for server-to-server calls that prove themselves (Stripe's signature).
 * - `who`: "public" (no session is read; the principal is null) | "signed-in" | "client" (with the active profile re-checked) | "staff" | "admin". Not signed in
 *   → 401; signed in with the wrong role → 404, like "not yours" (an outsider cannot tell the two apart).
 * - `params` / `query` / `json`: zod schemas. A malformed route param is "Not found" (404); malformed input is 400
 *   with the schema's messages at their fields. `json` bodies are read with a size cap (413 past it).
 * - errors: expected errors (lib/core/errors) keep their status and message, NotFound and Forbidden both become
 *   404; anything else is logged by lib/core/log (sanitized: never a query's values) and answered with the generic
 *   message and 500. `errors: "json"` answers `{ ok: false, error, fieldErrors? }`, `"text"` plain text.
 */
type Who = "public" | "signed-in" | "client" | "staff" | "admin";
type OriginRule = "same-origin" | "not-cross-site" | "any";
type Principalled<W extends Who> = W extends "public"
  ? Principal | null
  : W extends "client"
    ? ClientPrincipal
    : W extends "staff"
      ? StaffPrincipal
      : W extends "admin"
        ? AdminPrincipal
        : Principal;

export type RouteCtx<W extends Who, P, Q, J> = {
  req: Request;
  principal: Principalled<W>;
  /** Only for who: "client": the client's active profile, re-checked on every request. */
  profile: W extends "client" ? ClientProfile : undefined;
  params: P;
  query: Q;
  json: J;
};

type Opts<
  W extends Who,
  PS extends z.ZodType | undefined,
  QS extends z.ZodType | undefined,
  JS extends z.ZodType | undefined,
> = {
  name: string;
  who: W;
  origin: OriginRule;
  errors: "json" | "text";
  params?: PS;
  query?: QS;
  json?: JS;
  /** Largest JSON body accepted, in bytes (default 1 MB). */
  maxJsonBytes?: number;
};

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export const NO_STORE_HEADERS = {
  "Cache-Control": "no-store",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
} as const;

/** A failure the route answers with, short of a thrown error. */
export class RouteError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(message);
    this.name = "RouteError";
  }
}

const NOT_FOUND = "Not found.";

export function defineRoute<
  W extends Who,
  PS extends z.ZodType | undefined = undefined,
  QS extends z.ZodType | undefined = undefined,
  JS extends z.ZodType | undefined = undefined,
>(
  opts: Opts<W, PS, QS, JS>,
  handler: (ctx: RouteCtx<W, Out<PS>, Out<QS>, Out<JS>>) => Promise<Response>,
): (req: Request, segment?: { params?: Promise<Record<string, string | string[]>> }) => Promise<Response> {
  const answer = (status: number, error: string, fieldErrors?: Record<string, string[]>) =>
    opts.errors === "json"
      ? new Response(JSON.stringify({ ok: false, error, ...(fieldErrors ? { fieldErrors } : {}) }), {
          status,
          headers: { ...NO_STORE_HEADERS, "Content-Type": "application/json" },
        })
      : new Response(error, { status, headers: { ...NO_STORE_HEADERS, "Content-Type": "text/plain; charset=utf-8" } });

  return async (req, segment) => {
    try {
      if (opts.origin !== "any" && !isSameOriginRequest(req, { requireProof: opts.origin === "same-origin" })) {
        throw new RouteError(403, "This request did not come from the portal. Reload the page and try again.");
      }
      // Public routes (the Stripe webhook) never look at the session; loaded lazily so that they do not even import
      // Auth.js's configuration.
      const principal = opts.who === "public" ? null : await (await import("@/lib/auth/auth")).getPrincipal();
      let profile: ClientProfile | undefined;
      if (opts.who !== "public") {
        if (!principal) throw new RouteError(401, "Please sign in.");
        const allowed =
          opts.who === "signed-in" ||
          (opts.who === "client" && principal.role === "client") ||
          (opts.who === "staff" && isStaff(principal)) ||
          (opts.who === "admin" && isAdmin(principal));
        if (!allowed) throw new NotFoundError();
        if (opts.who === "client") profile = await requireActiveProfile(principal);
      }
      const rawParams = (await segment?.params) ?? {};
      const params = parse(opts.params, rawParams, "params");
      const query = parse(opts.query, Object.fromEntries(new URL(req.url, "http://localhost").searchParams), "query");
      const json = opts.json
        ? parse(opts.json, await readJson(req, opts.maxJsonBytes ?? 1024 * 1024), "json")
        : undefined;
      return await handler({
        req,
        principal: principal as Principalled<W>,
        profile: profile as RouteCtx<W, unknown, unknown, unknown>["profile"],
        params,
        query,
        json,
      } as RouteCtx<W, Out<PS>, Out<QS>, Out<JS>>);
    } catch (e) {
      if (isNextControlFlow(e)) throw e;
      if (e instanceof RouteError) return answer(e.status, e.message, e.fieldErrors);
      if (e instanceof NotFoundError || e instanceof ForbiddenError)
        return answer(404, e instanceof NotFoundError && e.message !== NOT_FOUND ? e.message : NOT_FOUND);
      if (isExpectedError(e))
        return answer(
          e.status,
          e.message,
          e instanceof ValidationError && Object.keys(e.fieldErrors).length ? e.fieldErrors : undefined,
        );
      log.error(`route ${opts.name} failed`, e);
      return answer(500, GENERIC_ERROR);
    }
  };
}

function parse<S extends z.ZodType | undefined>(schema: S, raw: unknown, where: "params" | "query" | "json"): Out<S> {
  if (!schema) return undefined as Out<S>;
  const r = schema.safeParse(raw);
  if (r.success) return r.data as Out<S>;
  // A malformed id in the URL names nothing: to the user it is simply not found.
  if (where === "params") throw new NotFoundError();
  throw new RouteError(400, "Please correct the highlighted fields.", zodFieldErrors(r.error));
}

/** The body as JSON, at most `max` bytes (counted while reading, so a huge body is never held whole). */
async function readJson(req: Request, max: number): Promise<unknown> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > max) throw new RouteError(413, "This request is too large.");
  if (!req.body) throw new RouteError(400, "The request could not be read.");
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => {});
      throw new RouteError(413, "This request is too large.");
    }
    chunks.push(value);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw new RouteError(400, "The request could not be read.");
  }
}
