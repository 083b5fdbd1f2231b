/**
 * A small, real one-page PDF (Helvetica text, US Letter) for the demo practice's shared documents. Written by hand
 * rather than through @react-pdf/renderer so the seed also runs from plain scripts; every object offset in the
 * cross-reference table is computed, so viewers open it without repair.
 */
function escapePdfText(s: string): string {
  // Latin-1 only; the demo's texts are plain ASCII.
  return s.replace(/[\\()]/g, (c) => `\\${c}`).replace(/[^\x20-\x7e]/g, "-");
}

export function simplePdf(title: string, lines: string[]): Buffer {
  const text = [
    "BT",
    "/F1 20 Tf",
    "72 720 Td",
    `(${escapePdfText(title)}) Tj`,
    "/F1 12 Tf",
    "0 -32 Td",
    "16 TL",
    ...lines.map((l) => `(${escapePdfText(l)}) Tj T*`),
    "ET",
  ].join("\n");
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    `<< /Length ${Buffer.byteLength(text, "latin1")} >>\nstream\n${text}\nendstream`,
  ];
  let out = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, "latin1"));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, "latin1");
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, "0")} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, "latin1");
}
