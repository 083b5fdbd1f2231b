import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { extractText } from "unpdf";
import { DEMO } from "@/lib/demo/seed";
import { filesRoot } from "@/lib/storage/local";
import { principalFor } from "@/lib/test/auth-fixtures";
import { recordManualPayment } from "@/lib/payments/manual";
import { createInvoice, sendInvoice } from "../invoices";
import { recordService } from "../services";
import { frozenPdf, frozenPdfKey } from "./frozen";
import type { PdfPractice } from "./parts";
import { downloadBillingPdf } from "./render";

/** Statements and superbills are rendered once and kept encrypted (docs/decisions.md "Frozen documents rendered once"). */
const practice: PdfPractice = {
  name: "Riverbend Counseling",
  legalName: "Riverbend Counseling LLC",
  address: ["410 River Street, Suite 200", "Portland, OR 97201"],
  phone: "(555) 010-2030",
  logoDataUrl: null,
};

function counter(text: string) {
  let renders = 0;
  return {
    render: async () => {
      renders++;
      return Buffer.from(`%PDF-1.4 ${text} render ${renders}`);
    },
    renders: () => renders,
  };
}

describe("frozen billing PDFs", () => {
  it("are rendered on the first download only; later downloads get the same file", async () => {
    const id = crypto.randomUUID();
    const c = counter("Bench Client superbill");
    const first = await frozenPdf("superbills", id, practice, c.render);
    const second = await frozenPdf("superbills", id, practice, c.render);
    expect(first.rendered).toBe(true);
    expect(second.rendered).toBe(false);
    expect(c.renders()).toBe(1);
    expect(second.bytes.equals(first.bytes)).toBe(true);
  });

  it("are kept encrypted: the stored file holds none of the PDF's text", async () => {
    const id = crypto.randomUUID();
    const c = counter("Casey Lee statement");
    await frozenPdf("statements", id, practice, c.render);
    const key = frozenPdfKey("statements", id, practice);
    const stored = fs.readFileSync(path.join(filesRoot(), "frozen", "objects", key.slice(0, 2), key));
    expect(stored.includes(Buffer.from("%PDF"))).toBe(false);
    expect(stored.includes(Buffer.from("Casey Lee"))).toBe(false);
  });

  it("are rendered again when the practice details printed on them change, and per document", async () => {
    const id = crypto.randomUUID();
    const c = counter("statement");
    await frozenPdf("statements", id, practice, c.render);
    const moved = { ...practice, address: ["12 New Road", "Portland, OR 97202"] };
    const again = await frozenPdf("statements", id, moved, c.render);
    expect(again.rendered).toBe(true);
    const other = await frozenPdf("statements", crypto.randomUUID(), practice, c.render);
    expect(other.rendered).toBe(true);
    expect(c.renders()).toBe(3);
  });

  it("a damaged stored file is rendered again instead of failing the download", async () => {
    const id = crypto.randomUUID();
    const c = counter("superbill");
    await frozenPdf("superbills", id, practice, c.render);
    const key = frozenPdfKey("superbills", id, practice);
    const file = path.join(filesRoot(), "frozen", "objects", key.slice(0, 2), key);
    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 5] ^= 0xff;
    fs.writeFileSync(file, bytes);
    const r = await frozenPdf("superbills", id, practice, c.render);
    expect(r.rendered).toBe(true);
    expect(r.bytes.toString()).toContain("render 2");
  });
});

describe("invoice PDFs", () => {
  let renders: string[] = [];
  beforeEach(() => {
    // The bench's render count (lib/core/pdf-pool.ts): one `haven-pdf-render <kind>` line per render.
    process.env.BENCH_COUNT_SQL = "1";
    renders = [];
    const write = process.stdout.write.bind(process.stdout);
    vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
      const text = String(chunk);
      if (text.startsWith("haven-pdf-render ")) renders.push(text.trim());
      else if (!text.startsWith("haven-sql ")) return write(chunk as string, ...(rest as []));
      return true;
    });
  });
  afterEach(() => {
    vi.restoreAllMocks();
    delete process.env.BENCH_COUNT_SQL;
  });

  it("a draft is rendered on every download; once sent it is rendered once, and again only when a payment changes it", async () => {
    const ana = await principalFor(DEMO.ana, "test");
    const service = await recordService(ana, {
      profileId: DEMO.profiles.pat,
      dateOfService: "2026-04-02",
      cptCode: "90834",
      modifiers: [],
      placeOfService: "11",
      units: 1,
      fee: 15_000,
      diagnosisCodes: [],
    });
    const inv = await createInvoice(ana, { profileId: DEMO.profiles.pat, serviceIds: [service.id] });
    await downloadBillingPdf(ana, "invoices", inv.id);
    await downloadBillingPdf(ana, "invoices", inv.id);
    expect(renders).toEqual(["haven-pdf-render billing.invoice", "haven-pdf-render billing.invoice"]);

    await sendInvoice(ana, inv.id);
    renders = [];
    const first = await downloadBillingPdf(ana, "invoices", inv.id);
    const second = await downloadBillingPdf(ana, "invoices", inv.id);
    expect(renders).toHaveLength(1);
    expect(second.bytes.equals(first.bytes)).toBe(true);
    expect((await extractText(new Uint8Array(first.bytes), { mergePages: true })).text).toContain("Status: Sent");

    // A payment changes what the invoice shows: a fresh PDF (rendered once), never the stale balance.
    await recordManualPayment(ana, {
      invoiceId: inv.id,
      amount: 5_000,
      method: "cash",
      receivedOn: "2026-04-03",
      reference: "",
    });
    renders = [];
    const paid = await downloadBillingPdf(ana, "invoices", inv.id);
    await downloadBillingPdf(ana, "invoices", inv.id);
    expect(renders).toHaveLength(1);
    const text = (await extractText(new Uint8Array(paid.bytes), { mergePages: true })).text;
    expect(text).toContain("$50.00");
    expect(text).toMatch(/Partially paid/i);
  });
});
