import { notFound } from "next/navigation";
import { requirePagePrincipal } from "@/lib/auth/guards";
import { isExpectedError } from "@/lib/core/errors";
import { viewRecordsExport } from "@/lib/records/status-page";
import { ExportStatus } from "@/components/records/export-status";

export const dynamic = "force-dynamic";
export const metadata = { title: "Your records export" };

/** A client's records export: progress, then the download (theirs only). */
export default async function PortalRecordsExportPage({ params }: { params: Promise<{ exportId: string }> }) {
  const p = await requirePagePrincipal("client");
  const { exportId } = await params;
  const view = await viewRecordsExport(p, exportId).catch((e) => {
    if (isExpectedError(e)) notFound();
    throw e;
  });
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">Your records export</h1>
      <p>
        A copy of everything the practice holds for {view.profileName}: details, form responses, documents, messages,
        billing and a record of who saw or changed them. Asked for {view.requestedAt}.
      </p>
      <ExportStatus {...view.status} />
    </div>
  );
}
