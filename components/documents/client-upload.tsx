"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/form-controls";
import { UPLOAD_NAME_MAX, uploadNameSchema } from "@/lib/documents/schemas";
import { FilePicker } from "./file-picker";
import { ProgressList, type Progress } from "./progress-line";
import { isOverLimit, tooLargeMessage } from "@/lib/documents/limits";
import { formatBytes, uploadFile } from "./xhr-upload";

type Pending = { key: string; file: File; name: string; error?: string };

let seq = 0;
const nextKey = () => `u${Date.now()}-${seq++}`;

/**
 * The portal's upload: choose, drop or photograph files, give each a name (it starts as the file's own name — a
 * phone's photo is always "image.jpg"), then Upload; each file uploads with a progress bar. The name is checked
 * with the server's schema as it is typed and again by the server (docs/decisions.md, Files).
 */
export function ClientUpload({ limitMb }: { limitMb: number }) {
  const router = useRouter();
  const [pending, setPending] = useState<Pending[]>([]);
  const [items, setItems] = useState<Progress[]>([]);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState("");
  const update = (key: string, patch: Partial<Progress>) =>
    setItems((all) => all.map((i) => (i.key === key ? { ...i, ...patch } : i)));
  const edit = (key: string, patch: Partial<Pending>) =>
    setPending((all) => all.map((p) => (p.key === key ? { ...p, ...patch } : p)));

  function choose(files: File[]) {
    setStatus("");
    const tooBig: Progress[] = [];
    const ok: Pending[] = [];
    for (const file of files) {
      if (isOverLimit(file.size, limitMb))
        tooBig.push({ key: nextKey(), name: file.name, fraction: 0, state: "failed", error: tooLargeMessage(limitMb) });
      else ok.push({ key: nextKey(), file, name: file.name });
    }
    setItems(tooBig);
    setPending((prev) => [...prev, ...ok]);
  }

  async function upload(e: React.FormEvent) {
    e.preventDefault();
    // Every name is checked first, so one bad name does not leave half the files uploaded.
    let invalid = false;
    const checked = pending.map((p) => {
      const r = uploadNameSchema.safeParse(p.name);
      if (r.success) return { ...p, name: r.data, error: undefined };
      invalid = true;
      return { ...p, error: r.error.issues[0]?.message };
    });
    setPending(checked);
    if (invalid) {
      setStatus("Please correct the highlighted names.");
      return;
    }
    setBusy(true);
    setStatus("");
    const batch: Progress[] = checked.map((p) => ({ key: p.key, name: p.name, fraction: 0, state: "uploading" }));
    setItems(batch);
    let done = 0;
    const kept: Pending[] = [];
    for (const p of checked) {
      setStatus(`Uploading ${p.name}…`);
      const r = await uploadFile(p.file, { name: p.name, onProgress: (fraction) => update(p.key, { fraction }) });
      if (r.ok) {
        done++;
        update(p.key, { state: "done", fraction: 1 });
      } else if (r.fieldErrors?.name?.[0]) {
        // The server refused the name: the file stays here with the message at its Name field.
        kept.push({ ...p, error: r.fieldErrors.name[0] });
        setItems((all) => all.filter((i) => i.key !== p.key));
      } else update(p.key, { state: "failed", error: r.error });
    }
    setPending(kept);
    setStatus(
      done
        ? `${done} of ${checked.length} ${checked.length === 1 ? "file" : "files"} uploaded. Your provider has been notified.`
        : "Nothing was uploaded.",
    );
    setBusy(false);
    if (done) router.refresh();
  }

  return (
    <div className="flex flex-col gap-3">
      <FilePicker onFiles={choose} multiple disabled={busy} label="Choose files" />
      <p className="text-sm text-slate-700">Up to {limitMb} MB each.</p>
      {pending.length ? (
        <form onSubmit={upload} noValidate className="flex flex-col gap-3" aria-label="Name your files">
          <ul className="flex flex-col gap-3">
            {pending.map((p) => (
              <li key={p.key}>
                <fieldset className="flex flex-col gap-2 rounded-md border border-slate-300 bg-white p-3">
                  <legend className="px-1 text-sm text-slate-800">
                    <span className="break-all">{p.file.name}</span> ({formatBytes(p.file.size)})
                  </legend>
                  <TextField
                    label="Name"
                    name={`name-${p.key}`}
                    id={`upload-name-${p.key}`}
                    value={p.name}
                    maxLength={UPLOAD_NAME_MAX + 20}
                    autoComplete="off"
                    disabled={busy}
                    error={p.error}
                    hint="Shown to you and your provider, and used when the file is downloaded."
                    onChange={(ev) => edit(p.key, { name: ev.currentTarget.value, error: undefined })}
                    onBlur={(ev) => {
                      const r = uploadNameSchema.safeParse(ev.currentTarget.value);
                      edit(p.key, { error: r.success ? undefined : r.error.issues[0]?.message });
                    }}
                  />
                  <Button
                    type="button"
                    variant="link"
                    disabled={busy}
                    className="self-start"
                    onClick={() => setPending((all) => all.filter((x) => x.key !== p.key))}
                    aria-label={`Don't upload ${p.file.name}`}
                  >
                    Don&apos;t upload
                  </Button>
                </fieldset>
              </li>
            ))}
          </ul>
          <Button type="submit" disabled={busy} className="self-start">
            {busy ? "Uploading…" : pending.length === 1 ? "Upload" : `Upload ${pending.length} files`}
          </Button>
        </form>
      ) : null}
      <ProgressList items={items} />
      <p role="status" className="text-sm text-slate-800">
        {status}
      </p>
    </div>
  );
}
