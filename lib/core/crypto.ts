import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { env } from "@/lib/core/env";

/** A URL-safe random token from the CSPRNG (256 bits by default). */
export function randomToken(bytes = 32): string {
  return crypto.randomBytes(bytes).toString("base64url");
}

export function sha256Hex(value: string): string {
  return crypto.createHash("sha256").update(value).digest("hex");
}

/** Constant-time comparison of two hex digests. */
export function safeEqualHex(a: string, b: string): boolean {
  const ab = Buffer.from(a, "hex");
  const bb = Buffer.from(b, "hex");
  return ab.length === bb.length && crypto.timingSafeEqual(ab, bb);
}

/** A keyed hash for secrets we must look up (tokens, PINs): sha256(value + AUTH_SECRET), as Auth.js does. */
export function hashSecret(value: string): string {
  return sha256Hex(`${value}${authSecret()}`);
}

let secretCache: string | undefined;
/**
 * AUTH_SECRET from configuration, or one generated into DATA_DIR on first run so that a fresh checkout
 * works with no set-up. Several app servers must share one AUTH_SECRET.
 */
export function authSecret(): string {
  if (secretCache) return secretCache;
  const configured = env().AUTH_SECRET;
  if (configured) return (secretCache = configured);
  secretCache = readOrCreateKeyFile("auth-secret", () => crypto.randomBytes(48).toString("base64url"));
  return secretCache;
}

/** Reads a generated key from DATA_DIR/keys, creating it (mode 0600) the first time. */
export function readOrCreateKeyFile(name: string, make: () => string): string {
  const dir = path.resolve(env().DATA_DIR === "memory://" ? ".data" : env().DATA_DIR, "keys");
  const file = path.join(dir, name);
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const value = make();
    try {
      fs.writeFileSync(file, value, { mode: 0o600, flag: "wx" });
      return value;
    } catch {
      // Another process created it first: use theirs.
      return fs.readFileSync(file, "utf8").trim();
    }
  }
}

/** jordan.lee@example.com → j•••••••@e••••••.com: enough to recognise, not enough to harvest. */
export function maskEmail(email: string): string {
  const [local, domain = ""] = email.split("@");
  const dot = domain.lastIndexOf(".");
  const host = dot > 0 ? domain.slice(0, dot) : domain;
  const tld = dot > 0 ? domain.slice(dot) : "";
  const mask = (s: string) => (s.length <= 1 ? s : s[0] + "•".repeat(Math.min(s.length - 1, 8)));
  return `${mask(local)}@${mask(host)}${tld}`;
}

/*
 * Sealed URL values. Search terms (names, email addresses) must not appear in URLs: URLs end up in server and
 * proxy logs, browser history and Referer headers. A search form posts the term to a server action, which
 * redirects to `?q=<sealed>`; the page opens the value again. AES-256-GCM both hides and authenticates it, so a
 * tampered value, one sealed with another key, for another user or for another field opens to null (no filter).
 * A fresh IV per seal means the same term gives a different URL each time, so logs cannot be correlated either.
 */
const SEAL_VERSION = 1;

function sealKey(info = "url-seal v1"): Buffer {
  return Buffer.from(crypto.hkdfSync("sha256", authSecret(), "haven", info, 32));
}

/** `context` binds the value to its use, e.g. `clients.q:<userId>`: a value sealed for one context opens in no other. */
export function sealForUrl(value: string, context: string, info?: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", sealKey(info), iv);
  cipher.setAAD(Buffer.from(context, "utf8"));
  const body = Buffer.concat([cipher.update(value, "utf8"), cipher.final()]);
  return Buffer.concat([Buffer.from([SEAL_VERSION]), iv, body, cipher.getAuthTag()]).toString("base64url");
}

/** The value sealed by sealForUrl for this context, or null for anything else (tampered, foreign, plain text). */
export function openFromUrl(sealed: string | null | undefined, context: string, info?: string): string | null {
  if (!sealed || sealed.length > 2048 || !/^[A-Za-z0-9_-]+$/.test(sealed)) return null;
  const raw = Buffer.from(sealed, "base64url");
  if (raw.length < 1 + 12 + 16 || raw[0] !== SEAL_VERSION) return null;
  try {
    const decipher = crypto.createDecipheriv("aes-256-gcm", sealKey(info), raw.subarray(1, 13));
    decipher.setAAD(Buffer.from(context, "utf8"));
    decipher.setAuthTag(raw.subarray(raw.length - 16));
    return Buffer.concat([decipher.update(raw.subarray(13, raw.length - 16)), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}

/**
 * Secrets kept at rest that must be read back (authenticator-app secrets): the same AES-256-GCM sealing under a key
 * of their own (another HKDF label), bound to `context` (the owner's id), so a row copied to another user opens to
 * nothing. Rotating AUTH_SECRET makes them unreadable: staff then enrol again (docs/decisions.md "Second factor and
 * passkeys").
 */
export function sealSecret(value: string, context: string): string {
  return sealForUrl(value, context, "secret-seal v1");
}
export function openSecret(sealed: string, context: string): string | null {
  return openFromUrl(sealed, context, "secret-seal v1");
}
