import type { ReactNode } from "react";

/**
 * A list of document cards, or a sentence when there are none. Shared by the staff view of a client's documents
 * and the portal's Documents page; each page renders its own card content.
 */
export function DocumentList<T extends { id: string }>({
  items,
  empty,
  itemTestId,
  children,
}: {
  items: T[];
  empty: string;
  itemTestId?: string;
  children: (item: T) => ReactNode;
}) {
  if (items.length === 0) return <p className="text-slate-700">{empty}</p>;
  return (
    <ul className="flex flex-col gap-3">
      {items.map((d) => (
        <li
          key={d.id}
          data-testid={itemTestId}
          className="flex flex-col gap-1 rounded-lg border border-slate-200 bg-white p-4"
        >
          {children(d)}
        </li>
      ))}
    </ul>
  );
}

/** The download link of one document (the accessible name says which file). */
export function DocumentDownloadLink({ id, fileName }: { id: string; fileName: string }) {
  return (
    <a
      href={`/api/files/${id}`}
      download
      className="text-brand-800 underline underline-offset-2"
      aria-label={`Download ${fileName}`}
    >
      Download
    </a>
  );
}
