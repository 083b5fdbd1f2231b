"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

/**
 * A row of links that marks the current one (aria-current="page", and the section it is in) and wraps on a
 * 360 px screen instead of scrolling sideways.
 */
export function NavLinks({
  label,
  links,
  exact = [],
  size = "normal",
}: {
  label: string;
  links: { href: string; label: string }[];
  exact?: string[];
  size?: "normal" | "small";
}) {
  const path = usePathname();
  const inSection = (href: string) =>
    exact.includes(href) ? path === href : path === href || path.startsWith(`${href}/`);
  // The most specific matching link is the current one ("Admin" on /admin/staff only if no "Staff" link).
  const current = links.filter((l) => inSection(l.href)).sort((a, b) => b.href.length - a.href.length)[0]?.href;
  return (
    <nav aria-label={label}>
      <ul className="flex flex-wrap gap-1">
        {links.map((l) => (
          <li key={l.href}>
            <Link
              href={l.href}
              aria-current={current === l.href ? "page" : undefined}
              className={`inline-flex min-h-11 items-center rounded-md px-3 font-medium text-slate-800 hover:bg-slate-100 aria-[current=page]:bg-brand-50 aria-[current=page]:text-brand-900 aria-[current=page]:underline aria-[current=page]:underline-offset-4 ${size === "small" ? "text-sm" : "text-base"}`}
            >
              {l.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
