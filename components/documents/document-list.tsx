import type { ReactNode } from "react";

/**
 * A list of document cards, or a sentence when there are none. Shared by the staff view of a client's documents
 * and the portal's Documents page; each page renders its own card content.
 */
export function DocumentList<T extends { id: string }>({
  items,
  empty,
  itemTestId,
  highlight,
  children,
}: {
  items: T[];
  empty: string;
  itemTestId?: string;
  /** The document a to-do led to: scrolled to (its id is the link's #fragment) and outlined. */
  highlight?: string;
  children: (item: T) => ReactNode;
}) {
  if (items.length === 0) return <p className="text-slate-700">{empty}</p>;
  return (
    <ul className="flex flex-col gap-3">
      {items.map((d) => (
        <li
          key={d.id}
          id={`document-${d.id}`}
          data-testid={itemTestId}
          data-highlighted={d.id === highlight ? "true" : undefined}
          aria-current={d.id === highlight ? "true" : undefined}
          className={`flex scroll-mt-20 flex-col gap-1 rounded-lg border bg-white p-4 ${d.id === highlight ? "border-brand-700 ring-2 ring-brand-700" : "border-slate-200"}`}
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
    // No `download` attribute: the response's Content-Disposition makes it a download, and a file that is no
    // longer available can then answer with a page that says so instead of an error saved as a file.
    <a
      href={`/api/files/${id}`}
      className="text-brand-800 underline underline-offset-2"
      aria-label={`Download ${fileName}`}
    >
      Download
    </a>
  );
}
