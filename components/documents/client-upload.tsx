"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { FilePicker } from "./file-picker";
import { ProgressList, startBatch, type Progress } from "./progress-line";
import { formatBytes, uploadFile } from "./xhr-upload";

/** The portal's upload: choose, drop or photograph files; each uploads at once with a progress bar. */
export function ClientUpload({ limitMb }: { limitMb: number }) {
  const router = useRouter();
  const [items, setItems] = useState<Progress[]>([]);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState("");
  const update = (key: string, patch: Partial<Progress>) =>
    setItems((all) => all.map((i) => (i.key === key ? { ...i, ...patch } : i)));

  async function start(files: File[]) {
    setBusy(true);
    const batch = startBatch(files);
    setItems(batch);
    let done = 0;
    for (const [n, file] of files.entries()) {
      const key = batch[n].key;
      if (file.size > limitMb * 1024 * 1024) {
        update(key, {
          state: "failed",
          error: `This file is ${formatBytes(file.size)}, larger than the practice's limit of ${limitMb} MB.`,
        });
        continue;
      }
      setStatus(`Uploading ${file.name}…`);
      const r = await uploadFile(file, { onProgress: (fraction) => update(key, { fraction }) });
      if (r.ok) {
        done++;
        update(key, { state: "done", fraction: 1 });
      } else update(key, { state: "failed", error: r.error });
    }
    setStatus(
      done
        ? `${done} of ${files.length} ${files.length === 1 ? "file" : "files"} uploaded. Your provider has been notified.`
        : "Nothing was uploaded.",
    );
    setBusy(false);
    if (done) router.refresh();
  }

  return (
    <div className="flex flex-col gap-3">
      <FilePicker onFiles={start} multiple disabled={busy} label="Choose files" />
      <p className="text-sm text-slate-700">Up to {limitMb} MB each.</p>
      <ProgressList items={items} />
      <p role="status" className="text-sm text-slate-800">
        {status}
      </p>
    </div>
  );
}
