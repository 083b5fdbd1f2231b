import { Readable } from "node:stream";
import { z } from "zod";
import { defineRoute } from "@/lib/auth/route";
import { openPreview } from "@/lib/documents";
import { BASE_HEADERS } from "@/lib/documents/http";
import { contentDisposition } from "@/lib/documents/names";
import { uuidField } from "@/lib/core/validation";

export const dynamic = "force-dynamic";

/**
 * Staff preview of a client's JPEG or PNG upload (docs/decisions.md, Files): staff only (others 404), only those two
 * types (read from the bytes at upload, and their signature checked again as they stream), inline, with a policy
 * that lets the response be nothing but an image: no scripts, no styles, no frames, sandboxed, never sniffed, never
 * cached. Audited as a view; it counts as staff having opened the file.
 */
export const GET = defineRoute(
  {
    name: "file preview",
    who: "staff",
    origin: "not-cross-site",
    errors: "text",
    params: z.object({ id: uuidField() }),
  },
  async ({ principal, params }) => {
    const { doc, stream } = await openPreview(principal, params.id);
    return new Response(Readable.toWeb(stream) as ReadableStream, {
      headers: {
        ...BASE_HEADERS,
        "Content-Type": doc.mimeType,
        "Content-Length": String(doc.sizeBytes),
        "Content-Disposition": contentDisposition(doc.fileName, "inline"),
        "Content-Security-Policy": "default-src 'none'; img-src 'self'; sandbox",
      },
    });
  },
);
