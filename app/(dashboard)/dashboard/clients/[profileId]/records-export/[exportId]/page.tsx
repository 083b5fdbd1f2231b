import { notFound } from "next/navigation";
import { requirePagePrincipal } from "@/lib/auth/guards";
import { isExpectedError } from "@/lib/core/errors";
import { viewRecordsExport } from "@/lib/records/status-page";
import { ExportStatus } from "@/components/records/export-status";

export const dynamic = "force-dynamic";
export const metadata = { title: "Records export" };

/** A records export's progress and download, for the staff member who asked for it. */
export default async function StaffRecordsExportPage({
  params,
}: {
  params: Promise<{ profileId: string; exportId: string }>;
}) {
  const p = await requirePagePrincipal("staff");
  const { profileId, exportId } = await params;
  const view = await viewRecordsExport(p, exportId).catch((e) => {
    if (isExpectedError(e)) notFound();
    throw e;
  });
  if (view.profileId !== profileId) notFound();
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">Records export</h1>
      <p>
        Everything held for {view.profileName}: details, form responses, documents, messages, billing and the audit
        trail. Asked for {view.requestedAt}.
      </p>
      <ExportStatus {...view.status} />
    </div>
  );
}
