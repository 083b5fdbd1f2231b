"use client";

import { createContext, useContext, useEffect, type ReactNode } from "react";

type PracticeBrand = { name: string; phone: string | null };

const PracticeContext = createContext<PracticeBrand | null>(null);
/** The last practice seen, for the page shown when the root layout itself failed (app/global-error.tsx). */
let lastSeen: PracticeBrand | null = null;

/**
 * The practice's name and phone for client-side pages that cannot read settings (the error pages). Only what the
 * public landing page shows anyway.
 */
export function PracticeProvider({ practice, children }: { practice: PracticeBrand; children: ReactNode }) {
  useEffect(() => {
    lastSeen = practice;
  }, [practice]);
  return <PracticeContext.Provider value={practice}>{children}</PracticeContext.Provider>;
}

export function usePracticeBrand(): PracticeBrand | null {
  return useContext(PracticeContext) ?? lastSeen;
}
