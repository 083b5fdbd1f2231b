import { requirePortalContext } from "@/lib/auth/guards";
import { listProfileDocuments } from "@/lib/documents";
import { getPracticeSettings } from "@/lib/practice/settings";
import { ClientUpload } from "@/components/documents/client-upload";
import { DocumentDownloadLink, DocumentList } from "@/components/documents/document-list";
import { formatDateTime } from "@/lib/core/time";
import { formatBytes } from "@/components/documents/xhr-upload";

export const dynamic = "force-dynamic";
export const metadata = { title: "Documents" };

export default async function PortalDocuments() {
  const { principal, profile } = await requirePortalContext();
  const [{ shared, uploaded }, practice] = await Promise.all([
    listProfileDocuments(principal, profile.id),
    getPracticeSettings(),
  ]);
  const when = (d: Date) => formatDateTime(d, practice.timeZone);
  return (
    <div className="flex flex-col gap-8">
      <h1 className="text-2xl font-bold">Documents</h1>

      <section aria-labelledby="shared-heading" className="flex flex-col gap-3">
        <h2 id="shared-heading" className="text-xl font-semibold">
          Shared with you
        </h2>
        <DocumentList items={shared} empty="Nothing has been shared with you yet.">
          {(d) => (
            <>
              <span className="font-medium">{d.fileName}</span>
              <span className="text-sm text-slate-700">
                Shared {when(d.createdAt)} · {formatBytes(d.sizeBytes)}
              </span>
              {d.note ? <p className="text-sm text-slate-800">{d.note}</p> : null}
              <DocumentDownloadLink id={d.id} fileName={d.fileName} />
            </>
          )}
        </DocumentList>
      </section>

      <section aria-labelledby="uploads-heading" className="flex flex-col gap-3">
        <h2 id="uploads-heading" className="text-xl font-semibold">
          Your uploads
        </h2>
        <p className="text-slate-700">
          Send your provider documents such as an insurance card photo, a referral letter or records.
        </p>
        <ClientUpload limitMb={practice.uploadLimitMb} />
        <DocumentList items={uploaded} empty="You have not uploaded anything yet.">
          {(d) => (
            <>
              <span className="font-medium">{d.fileName}</span>
              <span className="text-sm text-slate-700">
                Uploaded {when(d.createdAt)} by {d.uploadedByName ?? "you"} · {formatBytes(d.sizeBytes)}
              </span>
              <DocumentDownloadLink id={d.id} fileName={d.fileName} />
            </>
          )}
        </DocumentList>
      </section>
    </div>
  );
}
