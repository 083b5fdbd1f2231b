import { defineRoute } from "@/lib/auth/route";
import { attachmentFor } from "@/lib/messaging/attachments";
import { findProfileConversation, sendMessage } from "@/lib/messaging/messages";
import { sendMessageSchema } from "@/lib/messaging/schemas";
import { answerForm, parseOrThrow, readForm, safeBack, threadHref, wantsJson } from "@/lib/messaging/http";
import { sendNativePost } from "@/lib/messaging/native-send";

export const dynamic = "force-dynamic";

/**
 * Sends a message (lib/messaging/messages.ts). A fetch asking for JSON (the scripted form, whose attachment was
 * uploaded first) gets JSON; a native post (no JavaScript: text and file together) is lib/messaging/native-send.ts.
 */
export const POST = defineRoute(
  { name: "send message", who: "signed-in", origin: "same-origin", errors: "json" },
  async ({ req, principal }) => {
    if (!wantsJson(req)) return sendNativePost(req, principal);
    const form = await readForm(req);
    const back = safeBack(form.back, principal.role === "client" ? "/portal/messages" : "/dashboard/messages");
    return answerForm(req, back, async () => {
      const input = parseOrThrow(sendMessageSchema, form);
      // The attachment is shared only once the message may go (sendMessage's `attach`).
      const sent = await sendMessage(principal, {
        ...input,
        attach: () => attachmentFor(principal, input.profileId, form),
      });
      const { profile } = await findProfileConversation(principal, input.profileId);
      return { href: threadHref(principal, { ...sent, profileId: profile.id }), data: sent };
    });
  },
);
