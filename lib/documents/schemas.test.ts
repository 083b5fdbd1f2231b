import { describe, expect, it } from "vitest";
import { UPLOAD_NAME_MAX, uploadNameSchema } from "./schemas";

const message = (name: string) => {
  const r = uploadNameSchema.safeParse(name);
  return r.success ? null : r.error.issues[0]?.message;
};

describe("the name a client gives an upload", () => {
  it("accepts a phone photo's own name and a plain name, trimmed", () => {
    expect(uploadNameSchema.parse("image.jpg")).toBe("image.jpg");
    expect(uploadNameSchema.parse("  Insurance card (front)  ")).toBe("Insurance card (front)");
    expect(uploadNameSchema.parse("Référence – Dr. Ōta")).toBe("Référence – Dr. Ōta");
  });

  it("refuses an empty name, path characters, reserved characters, control characters and a leading dot", () => {
    expect(message("   ")).toBe("Give the file a name.");
    expect(message("../../etc/passwd")).toBe("A name cannot contain / or \\.");
    expect(message("C:\\Users\\x.pdf")).toBe("A name cannot contain / or \\.");
    expect(message("a:b.pdf")).toBe('A name cannot contain any of < > : " | ? *.');
    expect(message("card\u202egpj.exe")).toBe("A name cannot contain control characters.");
    expect(message(".htaccess")).toBe("A name cannot start with a dot.");
  });

  it(`keeps names to ${UPLOAD_NAME_MAX} characters`, () => {
    expect(message("a".repeat(UPLOAD_NAME_MAX))).toBeNull();
    expect(message("a".repeat(UPLOAD_NAME_MAX + 1))).toBe(`Keep the name to ${UPLOAD_NAME_MAX} characters or fewer.`);
  });
});
