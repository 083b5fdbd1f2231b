import "server-only";
import type { PracticeSettings } from "@/db/schema";
import { logoVersion } from "./logo";

/**
 * The practice logo and favicon as files of their own (docs/decisions.md, Navigation and polish): pages point at
 * `/practice/logo?v=<version>` instead of inlining the data URL in every page, and the version is a hash of the
 * image, so a new logo has a new address (shown as soon as the settings are saved) while the old one can be
 * cached for a year. The same hash is the ETag.
 */
type Practice = Pick<PracticeSettings, "name" | "logoDataUrl">;

export type ImageFile = { body: Uint8Array; type: string; etag: string };

/** The stored logo's bytes and type (the type was decided from the bytes when it was saved: lib/practice/logo.ts). */
export function logoFile(logoDataUrl: string): ImageFile | null {
  const m = /^data:(image\/(?:png|jpeg));base64,([A-Za-z0-9+/=]+)$/.exec(logoDataUrl);
  if (!m) return null;
  return { body: new Uint8Array(Buffer.from(m[2], "base64")), type: m[1], etag: `"${logoVersion(logoDataUrl)}"` };
}

/** The first letter of the practice's name, for the icon drawn when there is no logo. */
export function practiceInitial(name: string): string {
  const letter = [...name.trim()].find((c) => /\p{L}|\p{N}/u.test(c));
  return (letter ?? "H").toUpperCase();
}

const escapeXml = (s: string) =>
  s.replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c]!);

/** The favicon: the logo itself, or the practice's initial on the brand color. */
export function iconFile(p: Practice): ImageFile {
  const logo = p.logoDataUrl ? logoFile(p.logoDataUrl) : null;
  if (logo) return logo;
  const initial = escapeXml(practiceInitial(p.name));
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">` +
    `<rect width="64" height="64" rx="12" fill="#0f766e"/>` +
    `<text x="32" y="44" text-anchor="middle" font-family="Arial, Helvetica, sans-serif" font-size="36" font-weight="700" fill="#ffffff">${initial}</text>` +
    `</svg>`;
  return { body: new TextEncoder().encode(svg), type: "image/svg+xml", etag: `"${logoVersion(svg)}"` };
}

export function iconHref(p: Practice): string {
  // Every page's metadata asks; decoding a large logo to read its version cost about 4 ms, so the last answer is
  // kept for the same name and logo text.
  if (lastIcon && lastIcon.name === p.name && lastIcon.logo === p.logoDataUrl) return lastIcon.href;
  const href = `/practice/icon?v=${iconFile(p).etag.slice(1, -1)}`;
  lastIcon = { name: p.name, logo: p.logoDataUrl, href };
  return href;
}
let lastIcon: { name: string; logo: string | null; href: string } | null = null;

/**
 * The response for an image file: 304 when the browser already holds this version (If-None-Match), otherwise
 * the bytes. A request for the current version (`?v=` matches) may be cached for a year; any other is revalidated.
 */
export function imageResponse(req: Request, file: ImageFile | null): Response {
  if (!file) return new Response("Not found", { status: 404, headers: { "Cache-Control": "no-store" } });
  const v = new URL(req.url).searchParams.get("v");
  const headers = {
    ETag: file.etag,
    "Cache-Control": v === file.etag.slice(1, -1) ? "public, max-age=31536000, immutable" : "public, no-cache",
    "X-Content-Type-Options": "nosniff",
  };
  const sent = (req.headers.get("if-none-match") ?? "").split(",").map((t) => t.trim().replace(/^W\//, ""));
  if (sent.includes(file.etag)) return new Response(null, { status: 304, headers });
  return new Response(file.body as BodyInit, {
    status: 200,
    headers: { ...headers, "Content-Type": file.type, "Content-Length": String(file.body.byteLength) },
  });
}
