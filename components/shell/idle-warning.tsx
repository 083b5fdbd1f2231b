import { getCurrentSession } from "@/lib/auth/auth";
import { IDLE_TIMEOUT_MS } from "@/lib/auth/sessions";
import { now } from "@/lib/core/clock";
import { IdleWarningDialog } from "@/components/shell/idle-warning-dialog";

/**
 * docs/product.md, Sign-in rule 7: sessions end after 15 minutes idle, with a warning a minute before. The server
 * enforces the limit (lib/auth/sessions.ts); this tells the person in time. One line in each signed-in layout.
 */
export async function IdleWarning() {
  const s = await getCurrentSession();
  if (!s) return null;
  const remainingMs = Math.max(0, Date.parse(s.idleDeadline) - now().getTime());
  return <IdleWarningDialog remainingMs={remainingMs} idleTimeoutMs={IDLE_TIMEOUT_MS} />;
}
