import Link from "next/link";
import type { ReactNode } from "react";

/** The "← Somewhere" line at the top of a sub-page; its text is the link's accessible name. */
export function BackLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <p>
      <Link href={href} className="font-medium text-brand-800 underline">
        ← {children}
      </Link>
    </p>
  );
}
