import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { filesRoot } from "@/lib/storage/local";
import { frozenPdf, frozenPdfKey } from "./frozen";
import type { PdfPractice } from "./parts";

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
