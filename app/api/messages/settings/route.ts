import { defineRoute } from "@/lib/auth/route";
import { setProfileMessaging } from "@/lib/messaging/messages";
import { profileMessagingSchema } from "@/lib/messaging/schemas";
import { answerForm, parseOrThrow, readForm, safeBack } from "@/lib/messaging/http";

export const dynamic = "force-dynamic";

/** Staff turn client messaging off (or on) for one profile. */
export const POST = defineRoute(
  { name: "profile messaging", who: "staff", origin: "same-origin", errors: "json" },
  async ({ req, principal }) => {
    const form = await readForm(req);
    const back = safeBack(form.back, "/dashboard/messages");
    return answerForm(req, back, async () => {
      const input = parseOrThrow(profileMessagingSchema, form);
      await setProfileMessaging(principal, { profileId: input.profileId, off: input.clientMessaging === "off" });
      return {};
    });
  },
);
