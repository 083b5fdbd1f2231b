import { SecurityPanel } from "@/components/auth/security-panel";
import { ExportRecordsButton } from "@/components/records/export-status";
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
      <section aria-labelledby="export-heading" className="flex flex-col items-start gap-3">
        <h2 id="export-heading" className="text-xl font-semibold">
          Your records
        </h2>
        <p className="text-slate-700">
          Download a copy of everything the practice holds for the profile you are using now: details, form responses,
          documents, messages, billing and a record of who saw or changed them. We build it in the background and email
          you when it is ready; the download is kept for 7 days.
        </p>
        <ExportRecordsButton />
      </section>
    </div>
  );
}
