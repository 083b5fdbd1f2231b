import type { ReactNode } from "react";
import { BackLink } from "@/components/ui/back-link";
import { notFound } from "next/navigation";
import { isExpectedError } from "@/lib/core/errors";
import { buttonClass } from "@/components/ui/button";

/** Awaits a portal billing document; an expected error (not found, not the caller's) becomes a 404. */
export async function loadOrNotFound<T>(load: Promise<T>): Promise<T> {
  return load.catch((e: unknown) => {
    if (isExpectedError(e)) notFound();
    throw e;
  });
}

/** The frame of a portal billing document page: back link, heading, the document itself, and its PDF download. */
export function BillingDocumentPage({
  heading,
  pdfHref,
  children,
}: {
  heading: ReactNode;
  pdfHref: string;
  children: ReactNode;
}) {
  return (
    <div className="flex flex-col gap-6">
      <BackLink href="/portal/billing">Back to billing</BackLink>
      <h1 className="text-2xl font-bold">{heading}</h1>
      {children}
      <a className={buttonClass("primary", "self-start")} href={pdfHref} download>
        Download PDF
      </a>
    </div>
  );
}
