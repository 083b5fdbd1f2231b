"use client";

import { useEffect } from "react";
import { useRouter } from "next/navigation";

/** While a payment is processing, re-reads the page every few seconds until the webhook has settled it. */
export function AutoRefresh({ everyMs = 3000 }: { everyMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    const t = setInterval(() => router.refresh(), everyMs);
    return () => clearInterval(t);
  }, [router, everyMs]);
  return null;
}
