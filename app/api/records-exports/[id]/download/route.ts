import { Readable } from "node:stream";
import { z } from "zod";
import { defineRoute } from "@/lib/auth/route";
import { uuidField } from "@/lib/core/validation";
import { BASE_HEADERS } from "@/lib/documents/http";
import { contentDisposition } from "@/lib/documents/names";
import { openRecordsExport } from "@/lib/records/export";

export const dynamic = "force-dynamic";

/** The finished export: to its requester only (anyone else, or after it expired: 404), as an attachment, never cached. */
export const GET = defineRoute(
  {
    name: "records export download",
    who: "signed-in",
    origin: "not-cross-site",
    errors: "text",
    params: z.object({ id: uuidField() }),
  },
  async ({ principal, params }) => {
    const { fileName, sizeBytes, stream } = await openRecordsExport(principal, params.id);
    return new Response(Readable.toWeb(stream) as ReadableStream, {
      headers: {
        ...BASE_HEADERS,
        "Content-Type": "application/zip",
        ...(sizeBytes ? { "Content-Length": String(sizeBytes) } : {}),
        "Content-Disposition": contentDisposition(fileName),
        "Content-Security-Policy": "sandbox",
      },
    });
  },
);
