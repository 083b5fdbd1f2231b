import { Readable } from "node:stream";
import { z } from "zod";
import { defineRoute } from "@/lib/auth/route";
import { openDownload } from "@/lib/documents";
import { BASE_HEADERS, unavailableRedirect } from "@/lib/documents/http";
import { contentDisposition } from "@/lib/documents/names";
import { uuidField } from "@/lib/core/validation";
import { NotFoundError } from "@/lib/core/errors";

export const dynamic = "force-dynamic";

/**
 * Downloads (docs/product.md, Documents): authorised in the data layer (not yours → 404), audited, decrypted and hash-checked
 * while streaming, always as an attachment with the type verified at upload, sandboxed and never cached. A person
 * who follows a Download link to a file that was withdrawn or removed is taken back to a page that says so, rather
 * than saving an error as a file (docs/decisions.md, Files).
 */
export const GET = defineRoute(
  {
    name: "file download",
    who: "signed-in",
    origin: "not-cross-site",
    errors: "json",
    params: z.object({ id: uuidField() }),
  },
  async ({ req, principal, params }) => {
    try {
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
    } catch (e) {
      const back = e instanceof NotFoundError ? unavailableRedirect(req, principal) : null;
      if (back) return back;
      throw e;
    }
  },
);
