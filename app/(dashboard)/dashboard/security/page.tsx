import { SecurityPanel } from "@/components/auth/security-panel";
import { requirePagePrincipal } from "@/lib/auth/guards";
import { listMyPasskeys } from "@/lib/auth/passkeys";
import { secondFactorStatus } from "@/lib/auth/second-factor";
import { getPracticeSettings } from "@/lib/practice/settings";

export const dynamic = "force-dynamic";
export const metadata = { title: "Security" };

/** A staff member's own sign-in security: passkeys, authenticator app, recovery codes. */
export default async function StaffSecurityPage() {
  const p = await requirePagePrincipal("staff");
  const [passkeys, status, practice] = await Promise.all([
    listMyPasskeys(p),
    secondFactorStatus(p.userId),
    getPracticeSettings(),
  ]);
  return (
    <div className="flex flex-col gap-5">
      <h1 className="text-2xl font-bold">Security</h1>
      <SecurityPanel staff passkeys={passkeys} status={status} timeZone={practice.timeZone} />
    </div>
  );
}
