import { SecurityPanel } from "@/components/auth/security-panel";
import { requirePagePrincipal } from "@/lib/auth/guards";
import { listMyPasskeys } from "@/lib/auth/passkeys";
import { getPracticeSettings } from "@/lib/practice/settings";

export const dynamic = "force-dynamic";
export const metadata = { title: "Security" };

/** A client's passkeys ("Sign in faster next time"): add and remove. Shows no PHI. */
export default async function PortalSecurityPage() {
  const p = await requirePagePrincipal("client");
  const [passkeys, practice] = await Promise.all([listMyPasskeys(p), getPracticeSettings()]);
  return (
    <div className="flex flex-col gap-5">
      <h1 className="text-2xl font-bold">Security</h1>
      <SecurityPanel staff={false} passkeys={passkeys} status={null} timeZone={practice.timeZone} />
    </div>
  );
}
