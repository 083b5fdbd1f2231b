import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { extractText, getDocumentProxy } from "unpdf";
import { renderSuperbillPdf } from "@/lib/billing/pdf/render-core";
import type { SuperbillContent } from "@/lib/billing/superbill-check";
import { pdfWorkersRunning, renderPdf, stopPdfWorkers } from "@/lib/core/pdf-pool";

/** PDFs rendered in the worker thread are the documents rendered in-process (docs/decisions.md "PDFs rendered in a worker"). */
const practice = {
  name: "Riverbend Counseling",
  legalName: "Riverbend Counseling LLC",
  address: ["410 River Street, Suite 200", "Portland, OR 97201"],
  phone: "(555) 010-2030",
  logoDataUrl: null,
};

const superbill: SuperbillContent = {
  periodStart: "2026-01-01",
  periodEnd: "2026-06-30",
  client: { legalName: "Worker Client", dateOfBirth: "1990-04-12", memberId: "RBX100200301" },
  practice: { ...practice, ein: "93-1234567", organizationNpi: "1003000126" },
  providers: [
    { name: "Ana Rivera", credentials: "LCSW", npi: "1245319599", licenseNumber: "LCSW-48211", licenseState: "OR" },
  ],
  diagnoses: [{ pointer: "A", code: "F41.1" }],
  lines: Array.from({ length: 20 }, (_, i) => ({
    dateOfService: `2026-0${1 + Math.floor(i / 4)}-${String(1 + (i % 4) * 7).padStart(2, "0")}`,
    cptCode: i % 3 === 0 ? "90837" : "90834",
    modifiers: [],
    placeOfService: "11" as const,
    diagnosisPointers: ["A"],
    units: 1,
    feeCents: 15_000 + i,
    paidCents: 0,
    provider: "Ana Rivera",
  })),
  totalCents: 0,
  paidCents: 0,
};

async function describePdf(bytes: Buffer) {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { text } = await extractText(pdf, { mergePages: true });
  return { pages: pdf.numPages, text };
}

describe("the PDF worker", () => {
  beforeAll(() => {
    process.env.PDF_WORKERS = "1"; // the other tests render in-process (vitest.config.mts)
  });
  afterAll(async () => {
    await stopPdfWorkers();
    process.env.PDF_WORKERS = "0";
  });

  it("renders the same document as in-process, in a worker thread", async () => {
    let inProcessCalls = 0;
    const fallback = () => {
      inProcessCalls++;
      return renderSuperbillPdf(practice, superbill);
    };
    const fromWorker = await renderPdf({ kind: "billing.superbill", args: [practice, superbill] }, fallback);
    expect(inProcessCalls).toBe(0);
    expect(pdfWorkersRunning()).toBe(true);
    const local = await renderSuperbillPdf(practice, superbill);
    const [a, b] = await Promise.all([describePdf(fromWorker), describePdf(local)]);
    expect(a.pages).toBe(b.pages);
    expect(a.text).toBe(b.text);
    expect(a.text).toContain("$150.19"); // the 20th line's fee: every line is there
    expect(fromWorker.byteLength).toBe(local.byteLength);
  }, 60_000);

  it("runs jobs one after another on one worker, each answered with its own PDF", async () => {
    const jobs = [3, 7, 20].map((n) => ({ ...superbill, lines: superbill.lines.slice(0, n) }));
    const fail = () => Promise.reject(new Error("rendered in-process"));
    const out = await Promise.all(
      jobs.map((sb) => renderPdf({ kind: "billing.superbill", args: [practice, sb] }, fail)),
    );
    const texts = await Promise.all(out.map(async (b) => (await describePdf(b)).text));
    expect(texts[0]).toContain("$150.02");
    expect(texts[0]).not.toContain("$150.03");
    expect(texts[1]).toContain("$150.06");
    expect(texts[1]).not.toContain("$150.07");
    expect(texts[2]).toContain("$150.19");
  }, 60_000);

  it("an unknown job fails with its name only, not the document", async () => {
    await expect(
      renderPdf({ kind: "nothing.here", args: ["Worker Client"] }, () => Promise.reject(new Error("no"))),
    ).rejects.toThrow(/PDF render failed in the worker \(TypeError\)/);
  }, 60_000);
});
