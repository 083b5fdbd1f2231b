import Link from "next/link";
import type { ReactNode } from "react";

/**
 * The one back link, at the top of a sub-page: "← Back to billing". The arrow is decoration; the words are the
 * link's accessible name (docs/decisions.md, Navigation and polish).
 */
export function BackLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <p className="self-start">
      <Link
        href={href}
        className="inline-flex min-h-11 items-center gap-1 font-medium text-brand-800 underline underline-offset-2 hover:text-brand-900"
      >
        <span aria-hidden="true">←</span>
        {children}
      </Link>
    </p>
  );
}
