/** One file's progress: a labelled <progress> (role progressbar) with the percentage in words. */
export type Progress = {
  key: string;
  name: string;
  fraction: number;
  state: "uploading" | "done" | "failed";
  error?: string;
};

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
