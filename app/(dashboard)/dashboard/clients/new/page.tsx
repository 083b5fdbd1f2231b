import { BackLink } from "@/components/ui/back-link";
import { requirePagePrincipal } from "@/lib/auth/guards";
import { isAdmin } from "@/lib/core/principal";
import { listAssignableClinicians } from "@/lib/profiles/clients";
import { BLANK_CLIENT_FIELDS } from "@/lib/profiles/schemas";
import { practiceToday } from "@/lib/practice/settings";
import { ClientForm } from "@/components/profiles/client-form";
import { createClientAction } from "@/lib/profiles/actions";

export const dynamic = "force-dynamic";
export const metadata = { title: "New client" };

export default async function NewClientPage() {
  const p = await requirePagePrincipal("staff");
  const clinicians = isAdmin(p) ? await listAssignableClinicians() : null;
  return (
    <div className="flex flex-col gap-4">
      <BackLink href="/dashboard/clients">Back to clients</BackLink>
      <h1 className="text-2xl font-bold">New client</h1>
      <ClientForm
        defaults={{
          type: "individual",
          ...BLANK_CLIENT_FIELDS,
          clinicianId: "",
          users: [{ email: "", relationship: "self" }],
        }}
        clinicians={clinicians}
        submitLabel="Create client"
        onSubmitAction={createClientAction}
        today={await practiceToday()}
      />
    </div>
  );
}
