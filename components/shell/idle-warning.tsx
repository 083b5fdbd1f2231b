import type { IdleState } from "@/lib/auth/idle";
import { IdleWarningDialog } from "@/components/shell/idle-warning-dialog";

/**
 * docs/product.md, Sign-in rule 7: the warning a minute before the idle timeout. The layout loads the session's idle
 * state (lib/auth/idle.ts loadIdleState) and passes it in; without a session nothing is shown.
 */
export function IdleWarning({ idle }: { idle: IdleState | null }) {
  if (!idle) return null;
  return <IdleWarningDialog remainingMs={idle.remainingMs} idleTimeoutMs={idle.idleTimeoutMs} />;
}
