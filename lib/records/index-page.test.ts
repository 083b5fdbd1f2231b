import { describe, expect, it } from "vitest";
import { indexHtml } from "./index-page";

describe("the export's index.html", () => {
  const html = indexHtml({
    practiceName: "Riverbend",
    profileName: "Jo <b>Lee</b>",
    createdAt: "Dec 3, 2026",
    sections: ["Documents", "Invoices"],
    entries: [
      { section: "Documents", label: "<script>alert(1)</script>.pdf", href: "documents/uploaded/<script>.pdf" },
      { section: "Documents", label: "notes #2?.pdf", href: "documents/uploaded/notes #2?.pdf" },
    ],
  });

  it("escapes names, and links each file by a relative path with every segment encoded", () => {
    expect(html).not.toContain("<script>");
    expect(html).toContain("Jo &lt;b&gt;Lee&lt;/b&gt;");
    expect(html).toContain('href="documents/uploaded/%3Cscript%3E.pdf"');
    expect(html).toContain('href="documents/uploaded/notes%20%232%3F.pdf"');
  });

  it("lists every section, saying None for an empty one", () => {
    expect(html).toMatch(/<h2>Invoices<\/h2>\s*<p class="empty">None\.<\/p>/);
  });
});
