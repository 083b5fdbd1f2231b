"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/auth/action";
import { FilePicker } from "./file-picker";
import { ProgressList, startBatch, type Progress } from "./progress-line";
import { isOverLimit, tooLargeMessage } from "@/lib/documents/limits";
import { formatBytes, uploadFile } from "./xhr-upload";

type ShareAction = (input: {
  profileId: string;
  note: string;
  tickets: string[];
}) => Promise<ActionResult<{ count: number }>>;

/** Clinician: pick one or more files, add an optional note, Share — files upload with progress, then share together. */
export function ShareForm({ profileId, limitMb, action }: { profileId: string; limitMb: number; action: ShareAction }) {
  const router = useRouter();
  const [files, setFiles] = useState<File[]>([]);
  const [note, setNote] = useState("");
  const [items, setItems] = useState<Progress[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState("");
  const [status, setStatus] = useState("");
  const update = (key: string, patch: Partial<Progress>) =>
    setItems((all) => all.map((i) => (i.key === key ? { ...i, ...patch } : i)));

  async function share(e: React.FormEvent) {
    e.preventDefault();
    setError("");
    if (!files.length) return setError("Choose at least one file to share.");
    const tooBig = files.find((f) => isOverLimit(f.size, limitMb));
    if (tooBig) return setError(tooLargeMessage(limitMb, tooBig.name));
    setBusy(true);
    const batch = startBatch(files);
    setItems(batch);
    const tickets: string[] = [];
    for (const [n, file] of files.entries()) {
      const r = await uploadFile(file, { profileId, onProgress: (fraction) => update(batch[n].key, { fraction }) });
      if (r.ok && r.data.kind === "staged") {
        tickets.push(r.data.ticket);
        update(batch[n].key, { state: "done", fraction: 1 });
      } else {
        update(batch[n].key, { state: "failed", error: r.ok ? "Unexpected reply." : r.error });
      }
    }
    if (tickets.length !== files.length) {
      setBusy(false);
      return setError("Some files could not be uploaded, so nothing was shared. Remove them and try again.");
    }
    const res = await action({ profileId, note, tickets });
    setBusy(false);
    if (!res.ok) return setError(res.fieldErrors?.note?.[0] ?? res.error);
    setStatus(`Shared ${res.data.count} ${res.data.count === 1 ? "file" : "files"}. The client has been notified.`);
    setFiles([]);
    setNote("");
    router.refresh();
  }

  return (
    <form onSubmit={share} className="flex flex-col gap-4" noValidate>
      <FilePicker
        onFiles={(f) => {
          setFiles((prev) => [...prev, ...f]);
          setItems([]);
          setStatus("");
        }}
        multiple
        disabled={busy}
        label="Choose files"
      />
      {files.length ? (
        <ul aria-label="Files to share" className="flex flex-col gap-2">
          {files.map((f, n) => (
            <li
              key={`${f.name}-${n}`}
              className="flex items-center justify-between gap-2 rounded border border-slate-300 bg-white px-3 py-2"
            >
              <span className="min-w-0 text-sm">
                {f.name} <span className="text-slate-700">({formatBytes(f.size)})</span>
              </span>
              <Button
                type="button"
                variant="link"
                disabled={busy}
                onClick={() => setFiles((all) => all.filter((_, i) => i !== n))}
                aria-label={`Remove ${f.name}`}
              >
                Remove
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="flex flex-col gap-1">
        <label htmlFor="share-note" className="text-sm font-medium text-slate-800">
          Note to the client (optional)
        </label>
        <textarea
          id="share-note"
          value={note}
          onChange={(e) => setNote(e.target.value)}
          maxLength={1000}
          rows={3}
          className="w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base"
        />
      </div>
      <ProgressList items={items} />
      {error ? (
        <p role="alert" className="text-sm font-medium text-red-800">
          {error}
        </p>
      ) : null}
      <p role="status" className="text-sm text-slate-800">
        {status}
      </p>
      <Button type="submit" disabled={busy}>
        {busy ? "Sharing…" : "Share"}
      </Button>
    </form>
  );
}
