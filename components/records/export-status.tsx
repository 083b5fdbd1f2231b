"use client";

import { useEffect } from "react";
import { useRouter } from "next/navigation";
import { buttonClass } from "@/components/ui/button";

export type ExportStatusProps = {
  id: string;
  status: "queued" | "running" | "ready" | "failed" | "expired";
  done: number;
  total: number;
  /** "Dec 3, 2026, 11:20 PM EST" */
  expiresAt: string;
  sizeLabel: string | null;
};

/**
 * A records export's progress (docs/decisions.md, "A client's records export"): a progress bar while it is built,
 * re-read every two seconds (without JavaScript, a reload shows the same), then the download link.
 */
export function ExportStatus(props: ExportStatusProps) {
  const router = useRouter();
  const pending = props.status === "queued" || props.status === "running";
  useEffect(() => {
    if (!pending) return;
    const t = setInterval(() => router.refresh(), 2000);
    return () => clearInterval(t);
  }, [pending, router]);

  if (pending) {
    const total = Math.max(props.total, 1);
    return (
      <div className="flex flex-col gap-2" aria-live="polite">
        <p role="status" data-testid="export-progress">
          {props.status === "queued" || props.total === 0
            ? "Getting started…"
            : `Preparing the export: ${props.done} of ${props.total} items`}
        </p>
        <progress className="h-3 w-full max-w-md" max={total} value={props.done} aria-label="Export progress" />
        <p className="text-sm text-slate-700">You can leave this page; we will email you when it is ready.</p>
      </div>
    );
  }
  if (props.status === "ready") {
    return (
      <div className="flex flex-col items-start gap-2">
        <p role="status">
          The export is ready{props.sizeLabel ? ` (${props.sizeLabel})` : ""}. It can be downloaded until{" "}
          {props.expiresAt}.
        </p>
        <a href={`/api/records-exports/${props.id}/download`} className={buttonClass("primary")} download>
          Download the export (zip)
        </a>
        <p className="text-sm text-slate-700">
          Open index.html inside the zip to find each item. Keep the file somewhere safe: it holds health records.
        </p>
      </div>
    );
  }
  if (props.status === "expired") {
    return <p role="status">This export has expired. Ask for a new one.</p>;
  }
  return <p role="alert">The export could not be built. Please try again, or call the office if it keeps failing.</p>;
}

/** The "Export records" button: a plain form post (works without JavaScript), to the export's status page. */
export function ExportRecordsButton({ profileId }: { profileId?: string }) {
  return (
    <form method="post" action="/api/records-exports">
      {profileId ? <input type="hidden" name="profileId" value={profileId} /> : null}
      <button type="submit" className={buttonClass("secondary")}>
        Export records
      </button>
    </form>
  );
}
