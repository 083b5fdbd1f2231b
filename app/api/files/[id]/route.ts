import { Readable } from "node:stream";
import { getPrincipal } from "@/lib/auth/auth";
import { openDownload } from "@/lib/documents";
import { BASE_HEADERS, errorResponse, jsonResponse, sameOrigin } from "@/lib/documents/http";
import { contentDisposition } from "@/lib/documents/names";

export const dynamic = "force-dynamic";

/**
 * Downloads (docs/product.md, Documents): authorised in the data layer (not yours → 404), audited, decrypted and hash-checked
 * while streaming, always as an attachment with the type verified at upload, sandboxed and never cached.
 */
export async function GET(req: Request, ctx: { params: Promise<{ id: string }> }) {
  if (!sameOrigin(req, { requireOrigin: false })) return jsonResponse({ error: "Not found." }, 404);
  const principal = await getPrincipal();
  if (!principal) return jsonResponse({ error: "Not found." }, 404);
  const { id } = await ctx.params;
  try {
    const { doc, stream } = await openDownload(principal, id);
    return new Response(Readable.toWeb(stream) as ReadableStream, {
      headers: {
        ...BASE_HEADERS,
        "Content-Type": doc.mimeType,
        "Content-Length": String(doc.sizeBytes),
        "Content-Disposition": contentDisposition(doc.fileName),
        "Content-Security-Policy": "sandbox",
      },
    });
  } catch (e) {
    return errorResponse(e, "download failed");
  }
}
