"use client";

import { ErrorView } from "@/components/shell/error-view";
import { usePracticeBrand, useRequestId } from "@/components/shell/practice-context";

/**
 * The practice's "not found" page (app/not-found.tsx). A client component with the practice's name, phone and the
 * request id from the root layout's context, like the error page: Next renders the not-found page into every
 * response (once for each layout, in case a page calls `notFound()`), so as a server component it cost each page a
 * render and its markup in the page's payload; as a client reference it costs a few bytes (docs/performance.md).
 */
export function NotFoundView() {
  const practice = usePracticeBrand();
  const requestId = useRequestId();
  return (
    <ErrorView practice={practice} title="Page not found" requestId={requestId}>
      <p>
        This page does not exist, or you do not have access to it. Check the address, or start again from your home
        page.
      </p>
    </ErrorView>
  );
}
