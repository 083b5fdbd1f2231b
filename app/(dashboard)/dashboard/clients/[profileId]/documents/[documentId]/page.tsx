import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePagePrincipal } from "@/lib/auth/guards";
import { findPreviewable } from "@/lib/documents";
import { isExpectedError } from "@/lib/core/errors";
import { findProfile } from "@/lib/profiles/access";
import { DocumentDownloadLink } from "@/components/documents/document-list";

export const dynamic = "force-dynamic";
export const metadata = { title: "Preview" };

/**
 * Staff preview of a JPEG or PNG (docs/decisions.md, Files). The image comes from the preview route, which audits
 * the view and marks the upload opened; this page only shows it.
 */
export default async function DocumentPreview({
  params,
}: {
  params: Promise<{ profileId: string; documentId: string }>;
}) {
  const principal = await requirePagePrincipal("staff");
  const { profileId, documentId } = await params;
  const [profile, doc] = await Promise.all([
    findProfile(principal, profileId),
    findPreviewable(principal, profileId, documentId),
  ]).catch((e) => {
    if (isExpectedError(e)) notFound();
    throw e;
  });
  const name = profile.preferredName ?? profile.legalName;
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-col gap-1">
        <Link
          href={`/dashboard/clients/${profile.id}/documents`}
          className="text-sm text-brand-800 underline underline-offset-2"
        >
          Back to documents: {name}
        </Link>
        <h1 className="text-2xl font-bold break-all">{doc.fileName}</h1>
      </div>
      {/* eslint-disable-next-line @next/next/no-img-element -- a private, per-request image: never optimised or cached */}
      <img
        src={`/api/files/${doc.id}/preview`}
        alt={`Preview of ${doc.fileName}`}
        className="h-auto max-h-[80vh] max-w-full self-start rounded border border-slate-200 bg-white object-contain"
      />
      <DocumentDownloadLink id={doc.id} fileName={doc.fileName} />
    </div>
  );
}
