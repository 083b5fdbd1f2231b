import { z } from "zod";
import { defineRoute, NO_STORE_HEADERS } from "@/lib/auth/route";
import { uuidField } from "@/lib/core/validation";
import { conversationChangedSince, findConversation } from "@/lib/messaging/messages";
import { subscribe } from "@/lib/messaging/live";

export const dynamic = "force-dynamic";

/**
 * Server-sent events for one conversation the reader may read (checked once, here, like every read): each change
 * heard through LISTEN/NOTIFY on any server (lib/messaging/live.ts) becomes one "changed" event with no content; the
 * page then reloads its messages through the audited data layer.
 */
export const GET = defineRoute(
  {
    name: "message events",
    who: "signed-in",
    origin: "not-cross-site",
    errors: "text",
    // `m` and `r`: the newest change the page rendered (milliseconds, lib/messaging/messages.ts `changedUpTo`), not
    // content; a page of an older build may not send them.
    query: z.object({
      c: uuidField(),
      m: z.coerce.number().int().nonnegative().optional(),
      r: z.coerce.number().int().nonnegative().optional(),
    }),
  },
  async ({ req, principal, query }) => {
    const { conversation } = await findConversation(principal, query.c);
    const encoder = new TextEncoder();
    let cleanup = () => {};
    const stream = new ReadableStream<Uint8Array>({
      async start(controller) {
        const send = (text: string) => {
          try {
            controller.enqueue(encoder.encode(text));
          } catch {
            cleanup();
          }
        };
        const unsubscribe = await subscribe(conversation.id, () => send("event: changed\ndata: {}\n\n"));
        // Listening now: anything that changed after the page's render and before this point is announced at once.
        if (
          query.m !== undefined &&
          query.r !== undefined &&
          (await conversationChangedSince(conversation.id, { messages: query.m, reads: query.r }))
        )
          send("event: changed\ndata: {}\n\n");
        // A comment every 25 s keeps proxies from closing an idle stream.
        const beat = setInterval(() => send(": keep-alive\n\n"), 25_000);
        cleanup = () => {
          clearInterval(beat);
          unsubscribe();
        };
        req.signal.addEventListener("abort", () => {
          cleanup();
          try {
            controller.close();
          } catch {
            // already closed
          }
        });
        send("retry: 2000\n\n");
      },
      cancel() {
        cleanup();
      },
    });
    return new Response(stream, {
      headers: {
        ...NO_STORE_HEADERS,
        "Content-Type": "text/event-stream; charset=utf-8",
        Connection: "keep-alive",
        "X-Accel-Buffering": "no",
      },
    });
  },
);
