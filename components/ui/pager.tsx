import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

/**
 * Newer/Older links under a paged list; nothing when there is only one page. A null href hides that side. Plain
 * links (no JavaScript needed); the hrefs carry opaque keyset cursors (lib/core/keyset.ts). A page with two paged
 * lists names each pager (`label`) so the two navigation landmarks can be told apart.
 */
export function Pager({
  newerHref,
  olderHref,
  label = "Pages",
  newerText = "Newer",
  olderText = "Older",
}: {
  newerHref: string | null;
  olderHref: string | null;
  label?: string;
  newerText?: string;
  olderText?: string;
}) {
  if (!newerHref && !olderHref) return null;
  return (
    <nav aria-label={label} className="flex justify-between gap-3">
      {newerHref ? (
        <Link href={newerHref} className={buttonClass("secondary")}>
          {newerText}
        </Link>
      ) : (
        <span />
      )}
      {olderHref ? (
        <Link href={olderHref} className={buttonClass("secondary")}>
          {olderText}
        </Link>
      ) : null}
    </nav>
  );
}
