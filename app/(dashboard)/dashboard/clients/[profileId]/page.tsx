import { notFound } from "next/navigation";
import { requirePagePrincipal } from "@/lib/auth/guards";
import { findProfile } from "@/lib/profiles/access";
import { audit } from "@/lib/audit/write";
import { isExpectedError } from "@/lib/errors";
import { PortalAccessPanel } from "@/components/portal-access-panel";

export const dynamic = "force-dynamic";
export const metadata = { title: "Client" };

/** A minimal client page until the dashboard issue builds the full one; it hosts the portal-access panel. */
export default async function ClientPage({ params }: { params: Promise<{ profileId: string }> }) {
  const { profileId } = await params;
  const principal = await requirePagePrincipal("staff");
  const profile = await findProfile(principal, profileId).catch((e) => {
    if (isExpectedError(e)) notFound();
    throw e;
  });
  await audit({ action: "profile.view", actor: principal, profileId: profile.id, targetType: "profile", targetId: profile.id });
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-bold">{profile.preferredName ?? profile.legalName}</h1>
      <PortalAccessPanel profileId={profile.id} principal={principal} />
    </div>
  );
}
