import { defineRoute, NO_STORE_HEADERS } from "@/lib/auth/route";
import { saveMessageDraft } from "@/lib/messaging/drafts";
import { messageDraftSchema } from "@/lib/messaging/schemas";

export const dynamic = "force-dynamic";

/**
 * Saves what is typed in a compose field (lib/messaging/drafts.ts). A route handler, like the forms' autosave, so the
 * browser can send the last text with `fetch(..., { keepalive: true })` while the page is being left. Same-origin
 * only; a profile the person may not write in is 404.
 */
export const POST = defineRoute(
  {
    name: "message draft",
    who: "signed-in",
    origin: "same-origin",
    errors: "json",
    json: messageDraftSchema,
  },
  async ({ principal, json }) =>
    Response.json(
      { ok: true, ...(await saveMessageDraft(principal, json.profileId, json.body)) },
      { headers: NO_STORE_HEADERS },
    ),
);
