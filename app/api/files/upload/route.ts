import { getPrincipal } from "@/lib/auth/auth";
import { receiveUpload } from "@/lib/documents";
import { errorResponse, jsonResponse, sameOrigin } from "@/lib/documents/http";

export const dynamic = "force-dynamic";

/**
 * POST the raw file as the body (streamed, never buffered whole); its name in X-File-Name (URI-encoded, so no
 * PHI lands in URLs or access logs); staff add X-Profile-Id. See lib/documents/upload.ts.
 */
export async function POST(req: Request) {
  if (!sameOrigin(req, { requireOrigin: true })) return jsonResponse({ error: "This upload did not come from the portal." }, 403);
  const principal = await getPrincipal();
  if (!principal) return jsonResponse({ error: "Please sign in." }, 401);
  if (!req.body) return jsonResponse({ error: "This file is empty." }, 400);
  let fileName: string | null = null;
  try {
    fileName = decodeURIComponent(req.headers.get("x-file-name") ?? "");
  } catch {
    fileName = null;
  }
  try {
    const result = await receiveUpload(principal, { body: req.body, fileName, profileId: req.headers.get("x-profile-id") });
    return jsonResponse(result, 201);
  } catch (e) {
    return errorResponse(e, "upload failed");
  }
}
