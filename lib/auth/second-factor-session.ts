import "server-only";
import { redirect } from "next/navigation";
import { sessionOfRequest } from "./auth";
import { UnauthenticatedError } from "@/lib/core/errors";
import type { Principal } from "@/lib/core/principal";

/**
 * The session as the second-factor pages see it: the signed-in person whether or not a staff member has passed the
 * second factor yet. Everything else reads the principal through getPrincipal (lib/auth/auth.ts), which is null
 * for a staff session that has not passed it (lib/auth/sessions.ts checkSession), so only code that asks for this
 * on purpose (enrol, verify, sign out) can act for such a session.
 */
export type SecondFactorSession = { principal: Principal; passed: boolean };

export async function getSecondFactorSession(): Promise<SecondFactorSession | null> {
  const s = await sessionOfRequest();
  if (s?.principal) return { principal: s.principal, passed: true };
  if (s?.pending) return { principal: s.pending, passed: false };
  return null;
}

export async function requireSecondFactorSession(): Promise<SecondFactorSession> {
  const s = await getSecondFactorSession();
  if (!s) throw new UnauthenticatedError();
  return s;
}

/**
 * A path to return to after the second factor, only when it is one of ours: a relative path, never `//host` or a
 * scheme (an open redirect would turn the verify page into a phishing aid).
 */
export function safeNextPath(next: string | null | undefined): string | null {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.includes("\\")) return null;
  if (!/^\/[A-Za-z0-9/_\-?=&.%]*$/.test(next) || next.length > 500) return null;
  return next;
}

/** Where a staff page sends a session without a current second factor. */
export function redirectToSecondFactor(next?: string): never {
  const n = safeNextPath(next);
  redirect(n ? `/sign-in/second-factor?next=${encodeURIComponent(n)}` : "/sign-in/second-factor");
}
