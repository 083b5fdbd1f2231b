import { defineRoute, RouteError } from "@/lib/auth/route";
import { receiveUpload } from "@/lib/documents";
import { jsonResponse } from "@/lib/documents/http";

export const dynamic = "force-dynamic";

/**
 * POST the raw file as the body (streamed, never buffered whole); its name in X-File-Name (URI-encoded, so no
 * PHI lands in URLs or access logs); staff add X-Profile-Id. See lib/documents/upload.ts.
 */
export const POST = defineRoute(
  { name: "file upload", who: "signed-in", origin: "same-origin", errors: "json" },
  async ({ req, principal }) => {
    if (!req.body) throw new RouteError(400, "This file is empty.");
    let fileName: string | null = null;
    try {
      fileName = decodeURIComponent(req.headers.get("x-file-name") ?? "");
    } catch {
      fileName = null;
    }
    const result = await receiveUpload(principal, {
      body: req.body,
      fileName,
      profileId: req.headers.get("x-profile-id"),
    });
    return jsonResponse(result, 201);
  },
);
