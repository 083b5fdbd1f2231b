import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

/** Newer/Older links under a paged list; nothing when there is only one page. A null href hides that side. */
export function Pager({ newerHref, olderHref }: { newerHref: string | null; olderHref: string | null }) {
  if (!newerHref && !olderHref) return null;
  return (
    <nav aria-label="Pages" className="flex justify-between gap-3">
      {newerHref ? (
        <Link href={newerHref} className={buttonClass("secondary")}>
          Newer
        </Link>
      ) : (
        <span />
      )}
      {olderHref ? (
        <Link href={olderHref} className={buttonClass("secondary")}>
          Older
        </Link>
      ) : null}
    </nav>
  );
}
