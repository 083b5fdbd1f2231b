import "server-only";
import { renderPdf } from "@/lib/core/pdf-pool";
import { renderConversationPdfBytes } from "./pdf-document";
import type { ThreadMessage } from "./messages";

/** A conversation's PDF, rendered off the request's event loop (lib/core/pdf-pool.ts). */
export function renderConversationPdf(
  profileName: string,
  messages: ThreadMessage[],
  practiceName: string,
  timeZone: string,
): Promise<Buffer> {
  return renderPdf({ kind: "messaging.conversation", args: [profileName, messages, practiceName, timeZone] }, () =>
    renderConversationPdfBytes(profileName, messages, practiceName, timeZone),
  );
}
