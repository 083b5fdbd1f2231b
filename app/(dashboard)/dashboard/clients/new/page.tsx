import Link from "next/link";
import { requirePagePrincipal } from "@/lib/auth/guards";
import { isAdmin } from "@/lib/core/principal";
import { listAssignableClinicians } from "@/lib/profiles/clients";
import { practiceToday } from "@/lib/practice/settings";
import { ClientForm } from "@/components/profiles/client-form";
import { buttonClass } from "@/components/ui/button";
import { createClientAction } from "@/lib/profiles/actions";

export const dynamic = "force-dynamic";
export const metadata = { title: "New client" };

export default async function NewClientPage() {
  const p = await requirePagePrincipal("staff");
  const clinicians = isAdmin(p) ? await listAssignableClinicians() : null;
  return (
    <div className="flex flex-col gap-4">
      <Link href="/dashboard/clients" className={buttonClass("link", "self-start")}>
        Back to clients
      </Link>
      <h1 className="text-2xl font-bold">New client</h1>
      <ClientForm
        defaults={{
          type: "individual",
          legalName: "",
          preferredName: "",
          dateOfBirth: "",
          phone: "",
          address: "",
          insuranceMemberId: "",
          diagnosisCodes: "",
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
