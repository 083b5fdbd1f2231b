import { defineRoute } from "@/lib/auth/route";
import { editMessage } from "@/lib/messaging/messages";
import { editMessageSchema } from "@/lib/messaging/schemas";
import { answerForm, parseOrThrow, readForm, safeBack } from "@/lib/messaging/http";

export const dynamic = "force-dynamic";

/** Edits one's own message inside the 5-minute window (lib/messaging/messages.ts). */
export const POST = defineRoute(
  { name: "edit message", who: "signed-in", origin: "same-origin", errors: "json" },
  async ({ req, principal }) => {
    const form = await readForm(req);
    const back = safeBack(form.back, principal.role === "client" ? "/portal/messages" : "/dashboard/messages");
    return answerForm(req, back, async () => {
      await editMessage(principal, parseOrThrow(editMessageSchema, form));
      return {};
    });
  },
);
