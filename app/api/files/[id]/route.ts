import { Readable } from "node:stream";
import { z } from "zod";
import { defineRoute } from "@/lib/auth/route";
import { openDownload } from "@/lib/documents";
import { BASE_HEADERS } from "@/lib/documents/http";
import { contentDisposition } from "@/lib/documents/names";
import { uuidField } from "@/lib/core/validation";

export const dynamic = "force-dynamic";

/**
 * Downloads (docs/product.md, Documents): authorised in the data layer (not yours → 404), audited, decrypted and hash-checked
 * while streaming, always as an attachment with the type verified at upload, sandboxed and never cached.
 */
export const GET = defineRoute(
  {
    name: "file download",
    who: "signed-in",
    origin: "not-cross-site",
    errors: "json",
    params: z.object({ id: uuidField() }),
  },
  async ({ principal, params }) => {
    const { doc, stream } = await openDownload(principal, params.id);
    return new Response(Readable.toWeb(stream) as ReadableStream, {
      headers: {
        ...BASE_HEADERS,
        "Content-Type": doc.mimeType,
        "Content-Length": String(doc.sizeBytes),
        "Content-Disposition": contentDisposition(doc.fileName),
        "Content-Security-Policy": "sandbox",
      },
    });
  },
);
