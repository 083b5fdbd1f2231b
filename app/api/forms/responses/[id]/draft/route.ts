import { z } from "zod";
import { defineRoute, NO_STORE_HEADERS } from "@/lib/auth/route";
import { draftSchema } from "@/lib/forms/schemas";
import { saveDraft } from "@/lib/forms/responses";
import { assertClient } from "@/lib/core/principal";
import { uuidField } from "@/lib/core/validation";

export const dynamic = "force-dynamic";

/**
 * Autosave of a draft (docs/product.md, Forms: answers save automatically). A route handler rather than a server action so the browser can send
 * the last answers with `fetch(..., { keepalive: true })` while the page is being left. Same-origin only: the fetch
 * carries our Origin, or `Origin: null` with `Sec-Fetch-Site: same-origin` where a browser withholds it (lib/core/http.ts).
 */
export const POST = defineRoute(
  {
    name: "forms autosave",
    who: "signed-in",
    origin: "same-origin",
    errors: "json",
    params: z.object({ id: uuidField() }),
    json: draftSchema,
  },
  async ({ principal, params, json }) => {
    // Signed in, not "client": the draft's own profile is checked by saveDraft; staff get 404 here.
    assertClient(principal);
    return Response.json(
      { ok: true, ...(await saveDraft(principal, params.id, json.answers, { bases: json.bases, since: json.since })) },
      { headers: NO_STORE_HEADERS },
    );
  },
);
