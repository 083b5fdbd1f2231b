import Link from "next/link";
import { requirePagePrincipal } from "@/lib/auth/guards";
import { listNewUploads, staffDocumentHref } from "@/lib/documents";
import { getPracticeSettings } from "@/lib/practice/settings";
import { formatDateTime } from "@/lib/core/time";
import { formatBytes } from "@/components/documents/xhr-upload";

export const dynamic = "force-dynamic";
export const metadata = { title: "New uploads" };

/** The to-do "New documents uploaded by clients" when there are several: each new upload, linked to itself. */
export default async function NewUploads({ searchParams }: { searchParams: Promise<{ notice?: string }> }) {
  const principal = await requirePagePrincipal("staff");
  const { notice } = await searchParams;
  const [uploads, practice] = await Promise.all([listNewUploads(principal), getPracticeSettings()]);
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-col gap-1">
        <Link href="/dashboard" className="text-sm text-brand-800 underline underline-offset-2">
          Back to the dashboard
        </Link>
        <h1 className="text-2xl font-bold">New uploads from clients</h1>
      </div>
      {notice === "unavailable" ? (
        <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-950">
          That document is no longer available. The client may have removed it.
        </p>
      ) : null}
      {uploads.length === 0 ? (
        <p className="text-slate-700">Every client upload has been opened.</p>
      ) : (
        <ul className="flex flex-col gap-3" aria-label="New uploads">
          {uploads.map((u) => (
            <li key={u.id} className="flex flex-col gap-1 rounded-lg border border-slate-200 bg-white p-4">
              <Link
                href={staffDocumentHref(u.profileId, u.id)}
                className="font-medium break-all text-brand-800 underline underline-offset-2"
              >
                {u.fileName}
              </Link>
              <span className="text-sm text-slate-700">
                {u.profileName} · uploaded {formatDateTime(u.createdAt, practice.timeZone)}
                {u.uploadedByName ? ` by ${u.uploadedByName}` : ""} · {formatBytes(u.sizeBytes)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
