import "server-only";
import { z } from "zod";
import { headers } from "next/headers";
import { getPrincipal } from "@/lib/auth/auth";
import { secondFactorIsFresh } from "@/lib/auth/sessions";
import { redirectToSecondFactor } from "@/lib/auth/second-factor-session";
import {
  assertAdmin,
  assertClient,
  assertSignedIn,
  assertStaff,
  type AdminPrincipal,
  type ClientPrincipal,
  type Principal,
  type StaffPrincipal,
} from "@/lib/core/principal";
import { requireActiveProfile } from "@/lib/profiles/access";
import { GENERIC_ERROR, isExpectedError, isNextControlFlow, ValidationError } from "@/lib/core/errors";
import { log } from "@/lib/core/log";
import { zodFieldErrors } from "@/lib/core/validation";
import type { ClientProfile } from "@/db/schema";

/** What every server action returns (docs/decisions.md, Code conventions: Action wrapper). `values` echoes what the user typed after an error. */
export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; error: string; fieldErrors?: Record<string, string[]>; values?: Record<string, unknown> };

type Who = "public" | "signed-in" | "client" | "staff" | "admin";
type Ctx<W extends Who> = W extends "public"
  ? { principal: Principal | null }
  : W extends "client"
    ? { principal: ClientPrincipal; profile: ClientProfile }
    : W extends "staff"
      ? { principal: StaffPrincipal }
      : W extends "admin"
        ? { principal: AdminPrincipal }
        : { principal: Principal };

/** FormData → plain object; repeated keys become arrays; files are left out (uploads use route handlers). */
export function formDataToObject(fd: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of fd.entries()) {
    if (k.startsWith("$ACTION")) continue;
    if (typeof v !== "string") continue;
    if (k in out) out[k] = ([] as unknown[]).concat(out[k], v);
    else out[k] = v;
  }
  return out;
}

/** Secrets are never echoed back (saas-starter echoed passwords). */
const SECRET_KEYS = /pin|password|token|card|cvc|secret/i;
function echo(values: Record<string, unknown>) {
  return Object.fromEntries(Object.entries(values).filter(([k]) => !SECRET_KEYS.test(k)));
}

/**
 * The one server-action wrapper: loads the session, checks the role, re-checks the client's active profile,
 * parses input with the form's zod schema and maps errors to a result the form can show at the field.
 * An exported action is a public POST endpoint, so nothing runs before these checks.
 */
export function defineAction<S extends z.ZodType, W extends Who, R>(
  opts: {
    schema: S;
    who: W;
    name: string;
    /**
     * Changes security (staff, settings, second-factor resets): the session must have passed its second factor in
     * the last 15 minutes, or the person is sent to confirm it again and brought back (docs/decisions.md "Second
     * factor and passkeys").
     */
    freshSecondFactor?: boolean;
  },
  handler: (input: z.output<S>, ctx: Ctx<W>) => Promise<R>,
): (input: FormData | z.input<S>) => Promise<ActionResult<R>> {
  return async (input) => {
    const raw = input instanceof FormData ? formDataToObject(input) : ((input ?? {}) as Record<string, unknown>);
    try {
      const principal = await getPrincipal();
      let ctx: Record<string, unknown> = { principal };
      if (opts.who === "signed-in") assertSignedIn(principal);
      if (opts.who === "staff") assertStaff(principal);
      if (opts.who === "admin") assertAdmin(principal);
      if (opts.who === "client") {
        assertClient(principal);
        ctx = { principal, profile: await requireActiveProfile(principal) };
      }
      const parsed = opts.schema.safeParse(raw);
      if (!parsed.success) {
        return {
          ok: false,
          error: "Please correct the highlighted fields.",
          fieldErrors: zodFieldErrors(parsed.error),
          values: echo(raw),
        };
      }
      if (opts.freshSecondFactor && !(await secondFactorIsFresh((ctx.principal as Principal).sessionId))) {
        const referer = (await headers()).get("referer");
        let back: string | undefined;
        try {
          back = referer ? new URL(referer).pathname : undefined;
        } catch {
          back = undefined;
        }
        redirectToSecondFactor(back);
      }
      const data = await handler(parsed.data, ctx as Ctx<W>);
      return { ok: true, data };
    } catch (e) {
      // Next's redirect()/notFound() are control flow, not errors.
      if (isNextControlFlow(e)) throw e;
      if (isExpectedError(e)) {
        return {
          ok: false,
          error: e.message,
          fieldErrors: e instanceof ValidationError ? e.fieldErrors : undefined,
          values: echo(raw),
        };
      }
      log.error(`action ${opts.name} failed`, e);
      return { ok: false, error: GENERIC_ERROR, values: echo(raw) };
    }
  };
}

export { isNextControlFlow };

/** For `useActionState`: (previous state, FormData) → result. */
export function formAction<R>(action: (input: FormData) => Promise<ActionResult<R>>) {
  return async (_prev: ActionResult<R> | null, fd: FormData) => action(fd);
}
