import { requirePortalContext } from "@/lib/auth/guards";
import { pageProfileDocuments } from "@/lib/documents";
import { keepPosition, pageHref, readPageRequest } from "@/lib/core/keyset";
import { Pager } from "@/components/ui/pager";
import { getPracticeSettings } from "@/lib/practice/settings";
import { ClientUpload } from "@/components/documents/client-upload";
import { DocumentDownloadLink, DocumentList } from "@/components/documents/document-list";
import { formatDateTime } from "@/lib/core/time";
import { formatBytes } from "@/components/documents/xhr-upload";
import { RemoveUploadButton } from "@/components/documents/remove-upload-button";
import { removeUploadAction } from "@/lib/documents/actions";

export const dynamic = "force-dynamic";
export const metadata = { title: "Documents" };

export default async function PortalDocuments({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { principal, profile } = await requirePortalContext();
  const sp = await searchParams;
  const notice = typeof sp.notice === "string" ? sp.notice : undefined;
  const sharedAt = readPageRequest(sp, "shared");
  const uploadsAt = readPageRequest(sp, "uploads");
  const [{ shared, uploaded }, practice] = await Promise.all([
    pageProfileDocuments(principal, profile.id, { shared: sharedAt.page, uploaded: uploadsAt.page }),
    getPracticeSettings(),
  ]);
  // Paging one list keeps the other where it was.
  const path = "/portal/documents";
  const keepUploads = keepPosition(sp, "uploads");
  const keepShared = keepPosition(sp, "shared");
  const when = (d: Date) => formatDateTime(d, practice.timeZone);
  return (
    <div className="flex flex-col gap-8">
      <h1 className="text-2xl font-bold">Documents</h1>
      {notice === "unavailable" ? (
        // A Download followed after the file was withdrawn (docs/decisions.md, Files): say so, in words.
        <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-950">
          This document is no longer shared with you. The list below shows what is available now.
        </p>
      ) : null}
      {sharedAt.invalid || uploadsAt.invalid ? (
        <p role="status" className="text-sm text-slate-700">
          That page link is no longer valid, so the newest documents are shown.
        </p>
      ) : null}

      <section aria-labelledby="shared-heading" className="flex flex-col gap-3">
        <h2 id="shared-heading" className="text-xl font-semibold">
          Shared with you
        </h2>
        <DocumentList items={shared.rows} empty="Nothing has been shared with you yet.">
          {(d) => (
            <>
              <span className="font-medium break-all">{d.fileName}</span>
              <span className="text-sm text-slate-700">
                Shared {when(d.createdAt)} · {formatBytes(d.sizeBytes)}
              </span>
              {d.note ? <p className="text-sm text-slate-800">{d.note}</p> : null}
              <DocumentDownloadLink id={d.id} fileName={d.fileName} />
            </>
          )}
        </DocumentList>
        <Pager
          label="Pages of shared documents"
          newerHref={pageHref(path, "before", shared.newer, "shared", keepUploads)}
          olderHref={pageHref(path, "after", shared.older, "shared", keepUploads)}
        />
      </section>

      <section aria-labelledby="uploads-heading" className="flex flex-col gap-3">
        <h2 id="uploads-heading" className="text-xl font-semibold">
          Your uploads
        </h2>
        <p className="text-slate-700">
          Send your provider documents such as an insurance card photo, a referral letter or records.
        </p>
        <ClientUpload limitMb={practice.uploadLimitMb} />
        <DocumentList items={uploaded.rows} empty="You have not uploaded anything yet." itemTestId="uploaded-document">
          {(d) => {
            const mine = d.uploadedById === principal.userId;
            return (
              <>
                <span className="font-medium break-all">{d.fileName}</span>
                <span className="text-sm text-slate-700">
                  Uploaded {when(d.createdAt)} by {mine ? "you" : (d.uploadedByName ?? "another person")} ·{" "}
                  {formatBytes(d.sizeBytes)}
                </span>
                {/* Only the uploader may remove, and only until staff opened it (docs/decisions.md, Files). */}
                {mine && d.reviewedAt ? (
                  <span className="text-sm text-slate-700">Your provider has opened this file.</span>
                ) : null}
                <span className="flex flex-wrap items-center gap-3">
                  <DocumentDownloadLink id={d.id} fileName={d.fileName} />
                  {mine && !d.reviewedAt ? (
                    <RemoveUploadButton documentId={d.id} fileName={d.fileName} action={removeUploadAction} />
                  ) : null}
                </span>
              </>
            );
          }}
        </DocumentList>
        <Pager
          label="Pages of your uploads"
          newerHref={pageHref(path, "before", uploaded.newer, "uploads", keepShared)}
          olderHref={pageHref(path, "after", uploaded.older, "uploads", keepShared)}
        />
      </section>
    </div>
  );
}
