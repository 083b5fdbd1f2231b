"use client";

import { useEffect, useState } from "react";
import { useRouter } from "next/navigation";

/**
 * Whether this page's event stream is open: the sender's own message then comes back through it, so the compose
 * form does not refresh the page a second time (each refresh re-renders the page and re-prefetches its links).
 */
let streamOpen = false;
export const liveStreamOpen = () => streamOpen;

/**
 * Keeps an open thread current without a reload (docs/decisions.md, Messaging: live delivery): the server-sent
 * events route says "changed" when any server hears a NOTIFY for this conversation, and the page re-reads its
 * messages. Without JavaScript nothing happens here and a reload shows the same.
 */
export function LiveRefresh({
  conversationId,
  since,
}: {
  conversationId: string;
  since: { messages: number; reads: number };
}) {
  const router = useRouter();
  // The stream opens once per conversation, from what the first render showed; a change between that render and
  // the stream's start is announced at once (the route compares with `since`).
  const [openedSince] = useState(since);
  useEffect(() => {
    const source = new EventSource(
      `/api/messages/events?c=${encodeURIComponent(conversationId)}&m=${openedSince.messages}&r=${openedSince.reads}`,
    );
    let timer: ReturnType<typeof setTimeout> | undefined;
    source.onopen = () => (streamOpen = true);
    source.onerror = () => (streamOpen = false);
    source.addEventListener("changed", () => {
      // At once (the 2-second promise); changes arriving together (a message and "Seen") make one refresh.
      if (timer) return;
      timer = setTimeout(() => {
        timer = undefined;
        router.refresh();
      }, 0);
    });
    return () => {
      clearTimeout(timer);
      streamOpen = false;
      source.close();
    };
  }, [conversationId, openedSince, router]);
  return null;
}
