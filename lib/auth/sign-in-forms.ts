import "server-only";
import { z } from "zod";
import { TOO_MANY_ATTEMPTS } from "@/lib/core/errors";
import { maskEmail } from "@/lib/core/crypto";
import { isSameOriginRequest, metaFrom, type RequestMeta } from "@/lib/core/http";
import { escapeHtml as esc } from "@/lib/core/escape";
import { zodFieldErrors } from "@/lib/core/validation";
import { audit } from "@/lib/audit/write";
import { linkRequestLimits, tryConsume } from "@/lib/rate-limit/limit";
import { accountForOldLink, requestSignInLink, resendSignInLink } from "./links";
import { emailLinkSchema, pinSignInSchema, resendLinkSchema } from "./schemas";

/**
 * The sign-in forms that are rate limited ("Email Me a Link", "Email me a new link", PIN sign-in) post to route
 * handlers, not server actions, so that past a limit the answer is a real HTTP 429 (server actions always answer
 * 200). They are progressive: without JavaScript the browser posts the form and gets a 303 to the next page, or
 * a small page with the form again, the message, and what was typed; with JavaScript the form posts with
 * `Accept: application/json` and shows the same message at the field (docs/decisions.md).
 */

export const PIN_REJECTED =
  "That email address and PIN code don't match. Check both and try again, or call your provider's office for a new PIN code.";

type FormKind = "link" | "pin" | "resend";
type Failure = { status: number; error: string; fieldErrors?: Record<string, string[]>; email?: string };

/**
 * Route handlers that change state accept only same-origin posts (docs/decisions.md, Sign-in and sessions: Origin
 * check). The Origin header must name this app; where a browser sends `Origin: null` (this module's own
 * no-JavaScript fallback pages set no-referrer), the browser's `Sec-Fetch-Site: same-origin` (a header page
 * scripts cannot set) decides.
 */
export const isSameOrigin = (req: Request): boolean => isSameOriginRequest(req, { requireProof: true });

const wantsJson = (req: Request) => (req.headers.get("accept") ?? "").includes("application/json");

async function readForm(req: Request): Promise<Record<string, string>> {
  try {
    const fd = await req.formData();
    const out: Record<string, string> = {};
    for (const [k, v] of fd.entries()) if (typeof v === "string") out[k] = v;
    return out;
  } catch {
    return {};
  }
}

function success(req: Request, to: string): Response {
  if (wantsJson(req)) return Response.json({ ok: true, redirectTo: to });
  return new Response(null, { status: 303, headers: { Location: to, "Cache-Control": "no-store" } });
}

function failure(req: Request, form: FormKind, f: Failure): Response {
  if (wantsJson(req))
    return Response.json(
      { ok: false, error: f.error, fieldErrors: f.fieldErrors },
      { status: f.status, headers: { "Cache-Control": "no-store" } },
    );
  return new Response(formPage(form, f), {
    status: f.status,
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" },
  });
}

const forbidden = (req: Request, form: FormKind) =>
  failure(req, form, { status: 403, error: "This form must be sent from the sign-in page. Go back and try again." });

async function rateLimited(
  req: Request,
  form: FormKind,
  meta: RequestMeta,
  key: string,
  email?: string,
): Promise<Response> {
  await audit({
    action: "auth.rate_limited",
    subject: email ? maskEmail(email) : undefined,
    detail: { form, limit: key.split(":").slice(0, 2).join(":") },
    ip: meta.ip,
    userAgent: meta.userAgent,
  });
  return failure(req, form, { status: 429, error: TOO_MANY_ATTEMPTS, email });
}

/** POST /sign-in/request-link — "Email Me a Link". The same 303 for every address (rule 2). */
export async function handleLinkRequest(req: Request): Promise<Response> {
  if (!isSameOrigin(req)) return forbidden(req, "link");
  const meta = metaFrom(req.headers);
  const raw = await readForm(req);
  const parsed = emailLinkSchema.safeParse(raw);
  if (!parsed.success)
    return failure(req, "link", {
      status: 400,
      error: "Please correct the highlighted fields.",
      fieldErrors: zodFieldErrors(parsed.error),
      email: raw.email,
    });
  const email = parsed.data.email;
  // Limited per address whether or not it has an account, so a 429 says nothing about the address.
  const limit = await tryConsume(linkRequestLimits(email, meta.ip));
  if (!limit.ok) return rateLimited(req, "link", meta, limit.key, email);
  await requestSignInLink(email, meta);
  return success(req, "/sign-in/check-email");
}

/**
 * POST /sign-in/resend-link — the invalid-link page's one-click "Email me a new link". A link of an active account
 * and one of no account (unknown, or an inactive account) get the same 303 to "check your inbox" after the same
 * work: two limits (per account, or per that link), then the same statements (rule 2, as for "Email Me a Link").
 */
export async function handleResendRequest(req: Request): Promise<Response> {
  if (!isSameOrigin(req)) return forbidden(req, "resend");
  const meta = metaFrom(req.headers);
  const parsed = resendLinkSchema.safeParse(await readForm(req));
  if (!parsed.success) return success(req, "/sign-in");
  const user = await accountForOldLink(parsed.data.token);
  // linkRequestLimits keys the address by a keyed hash, so the link itself never reaches the table either.
  const limit = await tryConsume(linkRequestLimits(user?.email ?? `old-link:${parsed.data.token}`, meta.ip));
  if (!limit.ok) return rateLimited(req, "resend", meta, limit.key);
  await resendSignInLink(user, meta);
  return success(req, "/sign-in/check-email");
}

/**
 * POST /sign-in/pin/verify — PIN sign-in. `signInWithPin` is Auth.js's signIn("pin") (it sets the session
 * cookie); its answer is the same "rejected" for a wrong address and a wrong PIN (rule 5: same error). The per-IP
 * limit is not checked here but inside the "pin" provider, where every way in passes (lib/auth/pin-sign-in.ts);
 * past it the answer is "rate_limited", shown as 429.
 */
export type PinSignInOutcome = "ok" | "rejected" | "rate_limited";
export async function handlePinRequest(
  req: Request,
  signInWithPin: (email: string, pin: string, meta: RequestMeta) => Promise<PinSignInOutcome>,
): Promise<Response> {
  if (!isSameOrigin(req)) return forbidden(req, "pin");
  const meta = metaFrom(req.headers);
  const raw = await readForm(req);
  const parsed = pinSignInSchema.safeParse(raw);
  if (!parsed.success)
    return failure(req, "pin", {
      status: 400,
      error: "Please correct the highlighted fields.",
      fieldErrors: zodFieldErrors(parsed.error),
      email: raw.email,
    });
  const outcome = await signInWithPin(parsed.data.email, parsed.data.pin, meta);
  // Audited where the limit is checked (lib/auth/pin-sign-in.ts), so not again here.
  if (outcome === "rate_limited")
    return failure(req, "pin", { status: 429, error: TOO_MANY_ATTEMPTS, email: parsed.data.email });
  if (outcome !== "ok")
    return failure(req, "pin", {
      status: 401,
      error: PIN_REJECTED,
      fieldErrors: { pin: [PIN_REJECTED] },
      email: parsed.data.email,
    });
  return success(req, "/after-sign-in");
}

export const formResponseSchema = z.object({
  ok: z.boolean(),
  redirectTo: z.string().optional(),
  error: z.string().optional(),
  fieldErrors: z.record(z.string(), z.array(z.string())).optional(),
});

/**
 * The no-JavaScript answer to a refused form: a small self-contained page (it must carry a 4xx status, which a
 * React page cannot) with the message and the form again, the typed address kept. Never the PIN.
 */
export function formPage(form: FormKind, f: Failure): string {
  const heading =
    f.status === 429
      ? "Too many attempts"
      : form === "pin"
        ? "Sign in via PIN code"
        : form === "resend"
          ? "Email me a new link"
          : "Sign in to your client portal";
  const fieldError = (name: string) => f.fieldErrors?.[name]?.[0];
  const input = (name: string, label: string, attrs: string, value = "") => {
    const err = fieldError(name);
    return `<div class="field"><label for="f-${name}">${esc(label)}</label><input id="f-${name}" name="${name}" ${attrs} value="${esc(value)}"${err ? ` aria-invalid="true" aria-describedby="f-${name}-error"` : ""}>${err ? `<p id="f-${name}-error" class="err">${esc(err)}</p>` : ""}</div>`;
  };
  let body = "";
  if (form === "pin") {
    body = `<form method="post" action="/sign-in/pin/verify">${input("email", "Email address", 'type="email" autocomplete="email" required', f.email ?? "")}${input("pin", "PIN code", 'inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength="6" required')}<button type="submit">Sign In</button></form>`;
  } else {
    body = `<form method="post" action="/sign-in/request-link">${input("email", "Email address", 'type="email" autocomplete="email" required', f.email ?? "")}<button type="submit">Email Me a Link</button></form>`;
  }
  const showTop = !f.fieldErrors || Object.keys(f.fieldErrors).length === 0 || f.status === 429;
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="referrer" content="no-referrer"><meta name="robots" content="noindex,nofollow"><title>${esc(heading)} · Client Portal</title><style>
body{font-family:system-ui,sans-serif;margin:0;color:#0f172a;background:#f8fafc}main{max-width:36rem;margin:0 auto;padding:2rem 1rem}
h1{font-size:1.5rem}.alert{border:1px solid #b91c1c;background:#fef2f2;color:#7f1d1d;padding:.75rem 1rem;border-radius:.375rem}
.field{display:flex;flex-direction:column;gap:.25rem;margin:1rem 0}label{font-weight:600;font-size:.9rem}input{min-height:2.75rem;font-size:1rem;padding:.5rem .75rem;border:1px solid #64748b;border-radius:.375rem;box-sizing:border-box;width:100%}
.err{color:#991b1b;margin:0;font-size:.9rem}button{min-height:2.75rem;padding:.5rem 1rem;font-size:1rem;font-weight:600;color:#fff;background:#0f766e;border:0;border-radius:.375rem}
a{color:#115e59}</style></head><body><main id="main"><h1>${esc(heading)}</h1>${showTop ? `<p class="alert" role="alert">${esc(f.error)}</p>` : ""}${body}<p><a href="/sign-in/pin">Sign in via PIN code</a> · <a href="/sign-in">Email me a link</a></p></main></body></html>`;
}
