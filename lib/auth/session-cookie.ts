import "server-only";
import { decode } from "next-auth/jwt";

/**
 * The session id a session cookie carries (docs/decisions.md "Reading the session cookie").
 *
 * The cookie is Auth.js's encrypted JWT, made once at sign-in; it holds only the server-side session's id, and the
 * session row decides everything else on every request (lib/auth/sessions.ts checkSession). Auth.js's `auth()`
 * decrypts it, then encrypts a new one on every call (a key derivation, a decryption and an encryption per
 * request) that a server component cannot even set. Pages read it here instead: decrypted with Auth.js's own
 * `decode` (same secret, same salt, same expiry check) the first time this exact cookie text is seen, then
 * remembered by that text (and cookie name) until the cookie's own expiry. A cookie that fails to decrypt is never remembered.
 *
 * What is remembered is only the mapping from a cookie this server once verified to the id inside it; the session
 * row is still read on every request, so sign-out, revocation and the idle and absolute limits apply at once.
 */
const MAX_REMEMBERED = 5_000;
const remembered = new Map<string, { sid: string; expiresAt: number }>();

/** Auth.js splits a cookie over 4 KB into `<name>.0`, `<name>.1`, …; joined back in order, as Auth.js does. */
export function joinCookie(name: string, all: { name: string; value: string }[]): string | null {
  const whole = all.find((c) => c.name === name);
  if (whole) return whole.value;
  const chunks = all
    .filter((c) => c.name.startsWith(`${name}.`) && /^\d+$/.test(c.name.slice(name.length + 1)))
    .sort((a, b) => Number(a.name.slice(name.length + 1)) - Number(b.name.slice(name.length + 1)));
  return chunks.length ? chunks.map((c) => c.value).join("") : null;
}

export async function sessionIdOfCookie(raw: string, cookieName: string, secret: string): Promise<string | null> {
  const key = `${cookieName}=${raw}`;
  const hit = remembered.get(key);
  if (hit) {
    if (hit.expiresAt > Date.now()) return hit.sid;
    remembered.delete(key);
  }
  // Tampered, expired or made with another secret: no session.
  const token = (await decode({ token: raw, secret, salt: cookieName }).catch(() => null)) as {
    sid?: unknown;
    exp?: unknown;
  } | null;
  const sid = token?.sid;
  if (typeof sid !== "string" || !sid) return null;
  const exp = typeof token?.exp === "number" ? token.exp * 1000 : 0;
  if (exp > Date.now()) {
    if (remembered.size >= MAX_REMEMBERED) remembered.delete(remembered.keys().next().value!);
    remembered.set(key, { sid, expiresAt: exp });
  }
  return sid;
}

/** For tests: how many cookies are remembered. */
export const rememberedCookies = () => remembered.size;
