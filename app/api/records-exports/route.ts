import { z } from "zod";
import { defineRoute } from "@/lib/auth/route";
import { NotFoundError } from "@/lib/core/errors";
import { uuidField } from "@/lib/core/validation";
import { readForm } from "@/lib/messaging/http";
import { exportHref, requestRecordsExport } from "@/lib/records/export";

export const dynamic = "force-dynamic";

const schema = z.object({ profileId: uuidField() });

/**
 * "Export records" (docs/decisions.md, "A client's records export"): staff for a client in their scope, a client for
 * their active profile. Starts the background build and goes to the export's status page (303), or 404.
 */
export const POST = defineRoute(
  { name: "records export", who: "signed-in", origin: "same-origin", errors: "text" },
  async ({ req, principal }) => {
    const form = await readForm(req);
    const parsed = schema.safeParse({
      profileId: principal.role === "client" ? (principal.activeProfileId ?? "") : form.profileId,
    });
    if (!parsed.success) throw new NotFoundError();
    const { profileId } = parsed.data;
    const { id } = await requestRecordsExport(principal, profileId);
    return new Response(null, {
      status: 303,
      headers: { Location: exportHref(principal, { id, profileId }), "Cache-Control": "no-store" },
    });
  },
);
