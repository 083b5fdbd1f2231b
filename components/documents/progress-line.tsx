/** One file's progress: a labelled <progress> (role progressbar) with the percentage in words. */
export type Progress = {
  key: string;
  name: string;
  fraction: number;
  state: "uploading" | "done" | "failed";
  error?: string;
};

/** A progress row per file of a new batch, each starting at 0 %. */
export function startBatch(files: File[]): Progress[] {
  return files.map((f, n) => ({ key: `${Date.now()}-${n}`, name: f.name, fraction: 0, state: "uploading" as const }));
}

export function ProgressLine({ p }: { p: Progress }) {
  const pct = Math.round(p.fraction * 100);
  const labelId = `progress-${p.key}`;
  return (
    <li className="flex flex-col gap-1">
      <span id={labelId} className="text-sm text-slate-800">
        {p.name}: {p.state === "failed" ? "not uploaded" : p.state === "done" ? "uploaded" : `${pct}%`}
      </span>
      <progress
        aria-labelledby={labelId}
        max={100}
        value={p.state === "failed" ? 0 : pct}
        className="h-2 w-full accent-brand-700"
      />
      {p.error ? (
        <span role="alert" className="text-sm font-medium text-red-800">
          {p.error}
        </span>
      ) : null}
    </li>
  );
}

/** The progress of every file in the batch, or nothing before the first file is chosen. */
export function ProgressList({ items }: { items: Progress[] }) {
  if (!items.length) return null;
  return (
    <ul className="flex flex-col gap-3">
      {items.map((p) => (
        <ProgressLine key={p.key} p={p} />
      ))}
    </ul>
  );
}
