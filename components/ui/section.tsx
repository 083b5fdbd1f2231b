import type { ReactNode } from "react";

export function Section({ title, id, children }: { title: string; id: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id={id} className="text-xl font-semibold text-slate-900">
        {title}
      </h2>
      {children}
    </section>
  );
}

/** Tables scroll inside their own box at 360 px, never the page (docs/decisions.md, Code conventions: No sideways scroll). */
export function TableBox({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="overflow-x-auto" role="region" aria-label={label} tabIndex={0}>
      <table className="w-full min-w-[44rem] border-collapse text-left text-sm">{children}</table>
    </div>
  );
}

export const th = "whitespace-nowrap border-b border-slate-300 px-2 py-2 font-semibold text-slate-800";
export const td = "whitespace-nowrap border-b border-slate-200 px-2 py-2 align-top text-slate-900";
