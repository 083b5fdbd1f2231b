"use client";

import "./globals.css";
import { ErrorView } from "@/components/shell/error-view";
import { usePracticeBrand, useRequestId } from "@/components/shell/practice-context";

/** An error in the root layout itself: the whole document, with the practice's name if it was seen before. */
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const practice = usePracticeBrand();
  const requestId = useRequestId();
  return (
    <html lang="en">
      <body className="min-h-dvh font-sans">
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
      </body>
    </html>
  );
}
