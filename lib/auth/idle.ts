import "server-only";
import { getCurrentSession } from "./auth";
import { IDLE_TIMEOUT_MS } from "./sessions";
import { now } from "@/lib/core/clock";

export type IdleState = { remainingMs: number; idleTimeoutMs: number };

/**
 * docs/product.md, Sign-in rule 7: sessions end after 15 minutes idle, with a warning a minute before. The server
 * enforces the limit (lib/auth/sessions.ts); each signed-in layout loads this and hands it to IdleWarning.
 */
export async function loadIdleState(): Promise<IdleState | null> {
  const s = await getCurrentSession();
  if (!s) return null;
  return { remainingMs: Math.max(0, Date.parse(s.idleDeadline) - now().getTime()), idleTimeoutMs: IDLE_TIMEOUT_MS };
}
