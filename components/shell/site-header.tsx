import Link from "next/link";
import type { ReactNode } from "react";
import { logoHref } from "@/lib/practice/logo";

/**
 * The header every page shows: the practice's logo and name, and a slot on the right for the profile switcher
 * and account menu (filled by the portal and dashboard layouts). A server component: the logo's data URL stays
 * on the server and the page points at its own cached route (lib/practice/logo-file.ts).
 */
export function SiteHeader({
  practiceName,
  logoDataUrl,
  home = "/",
  children,
}: {
  practiceName: string;
  logoDataUrl?: string | null;
  home?: string;
  children?: ReactNode;
}) {
  const logoSrc = logoHref(logoDataUrl);
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-3 px-4 py-3">
        <Link href={home} className="flex min-w-0 items-center gap-2 font-semibold text-brand-900">
          {logoSrc ? (
            // eslint-disable-next-line @next/next/no-img-element
            <img src={logoSrc} alt="" className="h-8 w-8 rounded object-contain" />
          ) : (
            <span aria-hidden className="grid h-8 w-8 place-items-center rounded bg-brand-700 text-sm text-white">
              {practiceName.slice(0, 1)}
            </span>
          )}
          <span className="truncate">{practiceName}</span>
        </Link>
        {children ? <div className="flex flex-wrap items-center gap-2">{children}</div> : null}
      </div>
    </header>
  );
}
