"use client";

import { ErrorView } from "@/components/shell/error-view";
import { usePracticeBrand, useRequestId } from "@/components/shell/practice-context";

/**
 * An unexpected error on a page. The server logged it with this digest (lib/core/log.ts); the page shows only the
 * digest as a reference, never the message or a stack (they could hold a client's data).
 */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const practice = usePracticeBrand();
  const requestId = useRequestId();
  return (
    <>
      <title>{`Something went wrong · ${practice?.name ?? "Client portal"}`}</title>
      <ErrorView
        practice={practice}
        title="Something went wrong"
        reference={error.digest ?? null}
        requestId={requestId}
        retry={reset}
      >
        <p>The page could not be shown. Nothing you saved before is lost. Try again, or go to your home page.</p>
      </ErrorView>
    </>
  );
}
