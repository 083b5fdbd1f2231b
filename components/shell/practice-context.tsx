"use client";

import { createContext, useContext, useEffect, type ReactNode } from "react";

type PracticeBrand = { name: string; phone: string | null };

const PracticeContext = createContext<PracticeBrand | null>(null);
const RequestIdContext = createContext<string | null>(null);
/** The last practice seen, for the page shown when the root layout itself failed (app/global-error.tsx). */
let lastSeen: PracticeBrand | null = null;

/**
 * The practice's name and phone for client-side pages that cannot read settings (the error pages). Only what the
 * public landing page shows anyway.
 */
export function PracticeProvider({
  practice,
  requestId = null,
  children,
}: {
  practice: PracticeBrand;
  /** The id server.mjs gave the request that rendered this document (X-Request-Id), for the error pages. */
  requestId?: string | null;
  children: ReactNode;
}) {
  useEffect(() => {
    lastSeen = practice;
  }, [practice]);
  return (
    <PracticeContext.Provider value={practice}>
      <RequestIdContext.Provider value={requestId}>{children}</RequestIdContext.Provider>
    </PracticeContext.Provider>
  );
}

/** The request id of the document (null under plain `next start`, which assigns none). */
export function useRequestId(): string | null {
  return useContext(RequestIdContext);
}

export function usePracticeBrand(): PracticeBrand | null {
  return useContext(PracticeContext) ?? lastSeen;
}
