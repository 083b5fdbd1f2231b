import { notFound } from "next/navigation";
import { requirePagePrincipal } from "@/lib/auth/guards";
import { isAdmin } from "@/lib/core/principal";
import { isExpectedError } from "@/lib/core/errors";
import { getClientForEdit, listAssignableClinicians } from "@/lib/profiles/clients";
import { practiceToday } from "@/lib/practice/settings";
import { EditClientForm } from "@/components/profiles/edit-client-form";

export const dynamic = "force-dynamic";
export const metadata = { title: "Edit client" };

export default async function EditClientPage({ params }: { params: Promise<{ profileId: string }> }) {
  const p = await requirePagePrincipal("staff");
  const { profileId } = await params;
  const detail = await getClientForEdit(p, profileId).catch((e) => {
    if (isExpectedError(e)) notFound();
    throw e;
  });
  const clinicians = isAdmin(p) ? await listAssignableClinicians() : null;
  const pr = detail.profile;
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">Edit {pr.legalName}</h1>
      <EditClientForm
        profileId={pr.id}
        today={await practiceToday()}
        clinicians={clinicians}
        defaults={{
          type: pr.type,
          legalName: pr.legalName,
          preferredName: pr.preferredName ?? "",
          dateOfBirth: pr.dateOfBirth ?? "",
          phone: pr.phone ?? "",
          address: pr.address ?? "",
          insuranceMemberId: pr.insuranceMemberId ?? "",
          diagnosisCodes: pr.diagnosisCodes.join(", "),
          clinicianId: pr.clinicianId,
          users: detail.users.map((u) => ({ email: u.email, relationship: u.relationship })),
        }}
      />
    </div>
  );
}
