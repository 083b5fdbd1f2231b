import { parentPort } from "node:worker_threads";
import { renderInvoicePdf, renderStatementPdf, renderSuperbillPdf } from "@/lib/billing/pdf/render-core";
import { renderResponsePdfBytes } from "@/lib/forms/pdf-document";
import { renderConversationPdfBytes } from "@/lib/messaging/pdf-document";

/**
 * The PDF worker thread (lib/core/pdf-pool.ts starts it; docs/decisions.md "PDFs rendered in a worker"). It holds
 * only renderers: no database, no secrets, no file store. Each message is one job by name with its arguments; the
 * answer is the PDF's bytes (transferred) or an error's name (never its message: it could quote the document).
 * Next bundles this file as its own entry because the pool creates it with `new Worker(new URL(…))`.
 */
const renderers: Record<string, (...args: never[]) => Promise<Buffer>> = {
  "billing.invoice": renderInvoicePdf,
  "billing.statement": renderStatementPdf,
  "billing.superbill": renderSuperbillPdf,
  "forms.response": renderResponsePdfBytes,
  "messaging.conversation": renderConversationPdfBytes,
};

const port = parentPort;
if (port) {
  port.on("message", async (job: { kind: string; args: unknown[] }) => {
    try {
      const render = renderers[job.kind];
      if (!render) throw new TypeError(`unknown pdf job ${job.kind.slice(0, 40)}`);
      const bytes = await (render as (...a: unknown[]) => Promise<Buffer>)(...job.args);
      const copy = new Uint8Array(bytes.byteLength);
      copy.set(bytes);
      port.postMessage({ ok: true, bytes: copy }, [copy.buffer]);
    } catch (e) {
      port.postMessage({ ok: false, error: e instanceof Error ? e.name : "error" });
    }
  });
  port.postMessage({ ready: true });
}
