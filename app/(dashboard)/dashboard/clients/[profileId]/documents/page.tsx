import Link from "next/link";
import { BackLink } from "@/components/ui/back-link";
import { notFound } from "next/navigation";
import { requirePagePrincipal } from "@/lib/auth/guards";
import { pageProfileDocuments } from "@/lib/documents";
import { keepPosition, pageHref, readPageRequest } from "@/lib/core/keyset";
import { Pager } from "@/components/ui/pager";
import { canPreview } from "@/lib/documents/preview-types";
import { isExpectedError } from "@/lib/core/errors";
import { getPracticeSettings } from "@/lib/practice/settings";
import { findProfile } from "@/lib/profiles/access";
import { ShareForm } from "@/components/documents/share-form";
import { WithdrawButton } from "@/components/documents/withdraw-button";
import { DocumentDownloadLink, DocumentList } from "@/components/documents/document-list";
import { formatDateTime } from "@/lib/core/time";
import { formatBytes } from "@/components/documents/xhr-upload";
import { shareDocumentsAction, withdrawDocumentAction } from "@/lib/documents/actions";

export const dynamic = "force-dynamic";
export const metadata = { title: "Client documents" };

export default async function ClientDocuments({
  params,
  searchParams,
}: {
  params: Promise<{ profileId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const principal = await requirePagePrincipal("staff");
  const { profileId } = await params;
  const sp = await searchParams;
  const highlight = typeof sp.highlight === "string" ? sp.highlight : undefined;
  const sharedAt = readPageRequest(sp, "shared");
  const uploadsAt = readPageRequest(sp, "uploads");
  const loaded = await Promise.all([
    findProfile(principal, profileId),
    pageProfileDocuments(principal, profileId, { shared: sharedAt.page, uploaded: uploadsAt.page }),
    getPracticeSettings(),
  ]).catch((e) => {
    if (isExpectedError(e)) notFound();
    throw e;
  });
  const [profile, { shared, uploaded }, practice] = loaded;
  const when = (d: Date) => formatDateTime(d, practice.timeZone);
  const name = profile.preferredName ?? profile.legalName;
  // Paging one list keeps the other where it was.
  const path = `/dashboard/clients/${profile.id}/documents`;
  const keepUploads = keepPosition(sp, "uploads");
  const keepShared = keepPosition(sp, "shared");
  return (
    <div className="flex flex-col gap-8">
      <div className="flex flex-col gap-1">
        <BackLink href={`/dashboard/clients/${profile.id}`}>Back to {name}</BackLink>
        <h1 className="text-2xl font-bold">Documents: {name}</h1>
      </div>
      {sharedAt.invalid || uploadsAt.invalid ? (
        <p role="status" className="text-sm text-slate-700">
          That page link is no longer valid, so the newest documents are shown.
        </p>
      ) : null}

      <section aria-labelledby="share-heading" className="flex flex-col gap-3">
        <h2 id="share-heading" className="text-xl font-semibold">
          Share files
        </h2>
        <ShareForm profileId={profile.id} limitMb={practice.uploadLimitMb} action={shareDocumentsAction} />
      </section>

      <section aria-labelledby="uploads-heading" className="flex flex-col gap-3">
        <h2 id="uploads-heading" className="text-xl font-semibold">
          From the client
        </h2>
        <DocumentList
          items={uploaded.rows}
          empty="The client has not uploaded anything."
          itemTestId="uploaded-document"
          highlight={highlight}
        >
          {(d) => (
            <>
              <span className="flex flex-wrap items-center gap-2 font-medium break-all">
                {d.fileName}
                {d.reviewedAt ? null : (
                  <span className="rounded bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900">New</span>
                )}
              </span>
              <span className="text-sm text-slate-700">
                Uploaded {when(d.createdAt)} by {d.uploadedByName ?? "the client"} · {formatBytes(d.sizeBytes)}
              </span>
              <span className="flex flex-wrap items-center gap-3">
                {canPreview(d.mimeType) ? (
                  <Link
                    href={`/dashboard/clients/${profile.id}/documents/${d.id}`}
                    prefetch={false}
                    className="text-brand-800 underline underline-offset-2"
                    aria-label={`Preview ${d.fileName}`}
                  >
                    Preview
                  </Link>
                ) : null}
                <DocumentDownloadLink id={d.id} fileName={d.fileName} />
              </span>
            </>
          )}
        </DocumentList>
        <Pager
          label="Pages of the client's uploads"
          newerHref={pageHref(path, "before", uploaded.newer, "uploads", keepShared)}
          olderHref={pageHref(path, "after", uploaded.older, "uploads", keepShared)}
        />
      </section>

      <section aria-labelledby="shared-heading" className="flex flex-col gap-3">
        <h2 id="shared-heading" className="text-xl font-semibold">
          Shared with the client
        </h2>
        <DocumentList
          items={shared.rows}
          empty="Nothing shared yet."
          itemTestId="shared-document"
          highlight={highlight}
        >
          {(d) => (
            <>
              <span className="font-medium">{d.fileName}</span>
              <span className="text-sm text-slate-700">
                Shared {when(d.createdAt)} · {formatBytes(d.sizeBytes)}
              </span>
              {d.note ? <p className="text-sm text-slate-800">Note: {d.note}</p> : null}
              <span className="text-sm font-medium text-slate-800">
                {d.withdrawnAt
                  ? `Withdrawn ${when(d.withdrawnAt)}`
                  : d.firstViewedAt
                    ? `Viewed ${when(d.firstViewedAt)}`
                    : "Not viewed yet"}
              </span>
              <span className="flex flex-wrap items-center gap-3">
                <DocumentDownloadLink id={d.id} fileName={d.fileName} />
                {d.withdrawnAt ? null : (
                  <WithdrawButton documentId={d.id} fileName={d.fileName} action={withdrawDocumentAction} />
                )}
              </span>
            </>
          )}
        </DocumentList>
        <Pager
          label="Pages of shared documents"
          newerHref={pageHref(path, "before", shared.newer, "shared", keepUploads)}
          olderHref={pageHref(path, "after", shared.older, "shared", keepUploads)}
        />
      </section>
    </div>
  );
}
