import "server-only";
import { renderPdf } from "@/lib/core/pdf-pool";
import { renderResponsePdfBytes } from "./pdf-document";
import type { ResponseDetail } from "./responses";

/** A submitted response's PDF, rendered off the request's event loop (lib/core/pdf-pool.ts). */
export function renderResponsePdf(r: ResponseDetail, practiceName: string, timeZone: string): Promise<Buffer> {
  return renderPdf({ kind: "forms.response", args: [r, practiceName, timeZone] }, () =>
    renderResponsePdfBytes(r, practiceName, timeZone),
  );
}
