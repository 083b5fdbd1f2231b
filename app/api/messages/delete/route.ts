import { defineRoute } from "@/lib/auth/route";
import { deleteMessage } from "@/lib/messaging/messages";
import { deleteMessageSchema } from "@/lib/messaging/schemas";
import { answerForm, parseOrThrow, readForm, safeBack } from "@/lib/messaging/http";

export const dynamic = "force-dynamic";

/** Removes one's own message inside the 5-minute window; the thread shows "message removed". */
export const POST = defineRoute(
  { name: "delete message", who: "signed-in", origin: "same-origin", errors: "json" },
  async ({ req, principal }) => {
    const form = await readForm(req);
    const back = safeBack(form.back, principal.role === "client" ? "/portal/messages" : "/dashboard/messages");
    return answerForm(req, back, async () => {
      await deleteMessage(principal, parseOrThrow(deleteMessageSchema, form));
      return {};
    });
  },
);
