import "server-only";
import type { User } from "@/db/schema";
import { maskEmail } from "@/lib/core/crypto";
import type { RequestMeta } from "@/lib/core/http";
import { audit } from "@/lib/audit/write";
import { pinAttemptLimits, tryConsume } from "@/lib/rate-limit/limit";
import { normalizeEmail } from "@/lib/core/validation";
import { verifyPin } from "./pin";

export type PinAttempt = { ok: true; user: User } | { ok: false; reason: "rejected" | "rate_limited" };

/**
 * One PIN sign-in attempt: the per-IP limit first, then the PIN (lib/auth/pin.ts). This is the only way a PIN is
 * checked for sign-in: the "pin" provider's authorize calls it (lib/auth/auth.ts), so the limit holds on every path
 * that reaches that provider (the PIN form's route handler, any server-side signIn("pin")), not only on the one
 * route that happened to check it. A limited attempt never tests the PIN.
 */
export async function attemptPinSignIn(email: string, pin: string, meta: Partial<RequestMeta>): Promise<PinAttempt> {
  const ip = meta.ip ?? null;
  const limit = await tryConsume(pinAttemptLimits(ip));
  if (!limit.ok) {
    const address = normalizeEmail(email);
    await audit({
      action: "auth.rate_limited",
      subject: address ? maskEmail(address) : undefined,
      detail: { form: "pin", limit: limit.key.split(":").slice(0, 2).join(":") },
      ip,
      userAgent: meta.userAgent ?? null,
    });
    return { ok: false, reason: "rate_limited" };
  }
  const result = await verifyPin(email, pin, meta);
  return result.ok ? result : { ok: false, reason: "rejected" };
}
