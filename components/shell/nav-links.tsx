"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

/** A row of links that marks the current one (aria-current) and wraps on a 360 px screen. */
export function NavLinks({
  label,
  links,
  exact = [],
}: {
  label: string;
  links: { href: string; label: string }[];
  exact?: string[];
}) {
  const path = usePathname();
  const current = (href: string) =>
    exact.includes(href) ? path === href : path === href || path.startsWith(`${href}/`);
  return (
    <nav aria-label={label}>
      <ul className="flex flex-wrap gap-1">
        {links.map((l) => (
          <li key={l.href}>
            <Link
              href={l.href}
              aria-current={current(l.href) ? "page" : undefined}
              className="inline-flex min-h-11 items-center rounded-md px-3 text-sm font-medium text-slate-800 hover:bg-slate-100 aria-[current=page]:bg-brand-50 aria-[current=page]:text-brand-900 aria-[current=page]:underline"
            >
              {l.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
