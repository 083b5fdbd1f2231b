import type { ReactNode } from "react";
import { PhoneLink } from "@/components/ui/phone-link";
import { buttonClass } from "@/components/ui/button";

/**
 * The branded page for a missing page or an error: the practice's name, what happened in plain words, a way home,
 * and for errors a short reference the office can quote. Never a stack, never a client's data.
 */
export function ErrorView({
  practice,
  title,
  children,
  reference,
  requestId,
  retry,
}: {
  practice: { name: string; phone: string | null } | null;
  title: string;
  children: ReactNode;
  reference?: string | null;
  /** The request id (X-Request-Id) the server logged this request under, for the practice to report. */
  requestId?: string | null;
  retry?: () => void;
}) {
  const name = practice?.name ?? "Client portal";
  return (
    <>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-5xl items-center gap-2 px-4 py-3 font-semibold text-brand-900">
          <span aria-hidden className="grid h-8 w-8 place-items-center rounded bg-brand-700 text-sm text-white">
            {name.slice(0, 1)}
          </span>
          <span className="truncate">{name}</span>
        </div>
      </header>
      <main id="main" className="mx-auto flex max-w-xl flex-col gap-4 px-4 py-12">
        <h1 className="text-2xl font-bold">{title}</h1>
        <div className="text-slate-700">{children}</div>
        {reference ? (
          <p className="text-sm text-slate-700">
            Reference: <code className="rounded bg-slate-100 px-1 font-mono">{reference}</code>
          </p>
        ) : null}
        {requestId ? (
          <p className="text-sm text-slate-700">
            Request ID: <code className="rounded bg-slate-100 px-1 font-mono">{requestId}</code>
          </p>
        ) : null}
        <div className="flex flex-wrap gap-2">
          {retry ? (
            <button type="button" onClick={retry} className={buttonClass("primary")}>
              Try again
            </button>
          ) : null}
          {/* A plain link, not next/link: after an error the client router may be what failed. */}
          <a href="/after-sign-in" className={buttonClass(retry ? "secondary" : "primary")}>
            Go to your home page
          </a>
        </div>
        {practice?.phone ? (
          <p className="text-sm text-slate-700">
            Need help? Call {practice.name} at <PhoneLink phone={practice.phone} />.
          </p>
        ) : null}
      </main>
    </>
  );
}
