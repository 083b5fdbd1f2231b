import { BackLink } from "@/components/ui/back-link";
import { requirePagePrincipal } from "@/lib/auth/guards";
import { InviteClinicianForm } from "@/components/staff/staff-forms";

export const dynamic = "force-dynamic";
export const metadata = { title: "Invite a clinician" };

export default async function InvitePage() {
  await requirePagePrincipal("admin");
  return (
    <div className="flex flex-col gap-4">
      <BackLink href="/admin/staff">Back to staff</BackLink>
      <h1 className="text-2xl font-bold">Invite a clinician</h1>
      <p className="text-slate-700">
        They receive an email with a link that signs them in to the dashboard. The link works once and lasts 7 days.
      </p>
      <InviteClinicianForm />
    </div>
  );
}
