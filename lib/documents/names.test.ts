import { describe, expect, it } from "vitest";
import { contentDisposition, nameForType, sanitizeFileName } from "./names";

describe("sanitizeFileName", () => {
  it("keeps only the last path segment", () => {
    expect(sanitizeFileName("../../etc/passwd")).toBe("passwd");
    expect(sanitizeFileName("C:\\Users\\me\\card.jpg")).toBe("card.jpg");
  });
  it("drops control characters, reserved characters and leading dots", () => {
    expect(sanitizeFileName("..\u0000.hidden\u202e.pdf")).toBe("hidden.pdf");
    expect(sanitizeFileName('a<b>:"c|?*.txt')).toBe("a_b___c___.txt");
    expect(sanitizeFileName("   ")).toBe("document");
  });
  it("caps long names and keeps the extension", () => {
    const n = sanitizeFileName(`${"x".repeat(300)}.pdf`);
    expect(n.length).toBe(120);
    expect(n.endsWith(".pdf")).toBe(true);
  });
});

describe("contentDisposition", () => {
  it("is an attachment with an ASCII fallback and RFC 6266 filename*", () => {
    expect(contentDisposition("Résumé (1).pdf")).toBe(
      `attachment; filename="Resume (1).pdf"; filename*=UTF-8''R%C3%A9sum%C3%A9%20%281%29.pdf`,
    );
  });
});

describe("nameForType", () => {
  it("adds the verified type's extension when missing", () => {
    expect(nameForType("passwd", "text/plain; charset=utf-8")).toBe("passwd.txt");
    expect(nameForType("scan.JPG", "image/jpeg")).toBe("scan.JPG");
  });
});
