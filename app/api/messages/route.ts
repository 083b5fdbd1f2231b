import { defineRoute } from "@/lib/auth/route";
import { attachmentFor } from "@/lib/messaging/attachments";
import { findProfileConversation, sendMessage } from "@/lib/messaging/messages";
import { sendMessageSchema } from "@/lib/messaging/schemas";
import { answerForm, parseOrThrow, readForm, safeBack, threadHref } from "@/lib/messaging/http";

export const dynamic = "force-dynamic";

/** Sends a message (lib/messaging/messages.ts): a native form post or a fetch asking for JSON. */
export const POST = defineRoute(
  { name: "send message", who: "signed-in", origin: "same-origin", errors: "json" },
  async ({ req, principal }) => {
    const form = await readForm(req);
    const back = safeBack(form.back, principal.role === "client" ? "/portal/messages" : "/dashboard/messages");
    return answerForm(req, back, async () => {
      const input = parseOrThrow(sendMessageSchema, form);
      const attachmentId = await attachmentFor(principal, input.profileId, form);
      const sent = await sendMessage(principal, { ...input, attachmentId });
      const { profile } = await findProfileConversation(principal, input.profileId);
      return { href: threadHref(principal, { ...sent, profileId: profile.id }), data: sent };
    });
  },
);
