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

/**
 * A short fingerprint of the logo (cyrb53, 53 bits): the version in its address and its ETag, so a new logo has a
 * new address (docs/decisions.md, Navigation and polish). Not a security hash; pure, so the header can use it.
 */
export function logoVersion(dataUrl: string): string {
  // Every page asks for the version of the same logo (up to about 270 KB of text: 1.5 ms of hashing), so the last
  // answer is kept: comparing the text is far cheaper than hashing it, and a new logo is a different text.
  if (dataUrl === lastVersion.of) return lastVersion.version;
  const version = hashText(dataUrl);
  lastVersion = { of: dataUrl, version };
  return version;
}
let lastVersion = { of: "", version: hashText("") };

function hashText(dataUrl: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < dataUrl.length; i++) {
    const c = dataUrl.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/** Where a page shows the logo (its own cached route, never the inlined data URL), or null without one. */
export function logoHref(dataUrl: string | null | undefined): string | null {
  return dataUrl ? `/practice/logo?v=${logoVersion(dataUrl)}` : null;
}
