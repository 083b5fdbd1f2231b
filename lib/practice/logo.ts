/**
 * The practice logo is kept as a data URL (small PNG or JPEG). The type is decided by the bytes, never by the
 * file name or the declared type (docs/product.md, Documents: types are recognised from the contents). Pure: runs in the browser too.
 */
export const LOGO_MAX_BYTES = 200 * 1024;

export function detectImageType(bytes: Uint8Array): "image/png" | "image/jpeg" | null {
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length >= 8 && png.every((b, i) => bytes[i] === b)) return "image/png";
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "image/jpeg";
  return null;
}

function base64ToBytes(b64: string): Uint8Array | null {
  try {
    const bin = atob(b64);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}

/** Checks a data URL and rewrites it with the type its bytes show. Returns an error message or the clean URL. */
export function checkLogoDataUrl(dataUrl: string): { ok: true; dataUrl: string } | { ok: false; error: string } {
  const m = /^data:[\w/+.-]*;base64,([A-Za-z0-9+/=]+)$/.exec(dataUrl);
  const bytes = m ? base64ToBytes(m[1]) : null;
  if (!m || !bytes) return { ok: false, error: "The logo could not be read; choose a PNG or JPEG file." };
  if (bytes.length > LOGO_MAX_BYTES)
    return { ok: false, error: `The logo is too large (at most ${LOGO_MAX_BYTES / 1024} KB).` };
  const type = detectImageType(bytes);
  if (!type) return { ok: false, error: "The logo must be a PNG or JPEG image." };
  return { ok: true, dataUrl: `data:${type};base64,${m[1]}` };
}
