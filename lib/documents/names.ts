/**
 * File names from users are display text only, never paths (a crafted name must never reach the file system or a header): keep the last path segment, drop
 * control and reserved characters and leading dots, normalise, cap the length while keeping the extension.
 */
export function sanitizeFileName(input: string | null | undefined): string {
  let name = (input ?? "").normalize("NFC");
  // Last segment of either separator: "../../etc/passwd" → "passwd", "C:\\x\\y.pdf" → "y.pdf".
  name = name.split(/[\\/]/).pop() ?? "";
  name = name
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, "")
    .replace(/[<>:"|?*]/g, "_")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^[.\s]+/, "")
    .replace(/[.\s]+$/, "");
  if (!name) return "document";
  const MAX = 120;
  if (name.length > MAX) {
    const dot = name.lastIndexOf(".");
    const ext = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : "";
    name = name.slice(0, MAX - ext.length).trimEnd() + ext;
  }
  return name;
}

/** RFC 6266 Content-Disposition: an ASCII fallback plus the exact UTF-8 name in filename*. */
export function contentDisposition(fileName: string, type: "attachment" | "inline" = "attachment"): string {
  const ascii =
    fileName
      .normalize("NFKD")
      .replace(/[^\x20-\x7e]/g, "")
      .replace(/["\\%]/g, "_")
      .trim() || "document";
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** A sensible extension for the verified type, added when the user's name lacks a matching one. */
const EXT: Record<string, string[]> = {
  "application/pdf": [".pdf"],
  "image/jpeg": [".jpg", ".jpeg"],
  "image/png": [".png"],
  "image/heic": [".heic", ".heif"],
  "image/heif": [".heif", ".heic"],
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": [".docx"],
  "text/plain": [".txt", ".text", ".md", ".csv"],
};
export function nameForType(fileName: string, mime: string): string {
  const exts = EXT[mime.split(";")[0]];
  if (!exts) return fileName;
  const lower = fileName.toLowerCase();
  return exts.some((e) => lower.endsWith(e)) ? fileName : `${fileName}${exts[0]}`;
}
