import "server-only";
import { cache } from "react";
import { cookies } from "next/headers";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { authSecret, sha256Hex } from "@/lib/core/crypto";
import { isSecureOrigin } from "@/lib/core/env";
import { metaFrom, requestMeta } from "@/lib/core/http";
import { audit } from "@/lib/audit/write";
import { consumeLink } from "./links";
import { attemptPinSignIn } from "./pin-sign-in";
import { verifyPasskeySignIn } from "./passkeys";
import {
  ABSOLUTE_TIMEOUT_MS,
  checkSession,
  checkSessionRows,
  createSession,
  endSessionByCookieId,
  settingsAndSession,
  type SessionMethod,
  type SessionRowWithProfile,
} from "./sessions";
import { holdPracticeSettings } from "@/lib/practice/settings";
import type { Principal } from "@/lib/core/principal";
import { joinCookie, sessionIdOfCookie } from "./session-cookie";
import { holdOwnProfiles } from "@/lib/profiles/queries";

/**
 * Auth.js v5 with JWT cookies that carry only a server-side session id (docs/decisions.md, Platform notes: Auth.js credentials + database
 * sessions). Every request re-checks the session row (lib/auth/sessions.ts), so
 * revocation, 15-minute idle and 12-hour absolute limits are enforced on the server.
 *
 * Email links are not consumed by Auth.js's email provider, which takes tokens on GET (mail scanners would use
 * them up, docs/product.md, Sign-in rule 4; docs/decisions.md, Platform notes: Auth.js email provider consumes on GET). We issue them into Auth.js's verification_tokens table ourselves
 * (lib/auth/links.ts) and consume them only through the "link" credentials provider, from the confirm page's POST.
 */
class LinkRejected extends CredentialsSignin {
  code = "link_rejected";
}
class PinRejected extends CredentialsSignin {
  code = "pin_rejected";
}
/** The per-IP PIN limit refused the attempt; the PIN form answers 429 for this code (not the generic rejection). */
export const PIN_RATE_LIMITED = "pin_rate_limited";
class PinRateLimited extends CredentialsSignin {
  code = PIN_RATE_LIMITED;
}
class PasskeyRejected extends CredentialsSignin {
  code = "passkey_rejected";
}

type HavenToken = {
  sid?: string;
  method?: SessionMethod;
  principal?: Principal;
  /** A staff session that has not passed its second factor: only the second-factor pages read this. */
  pending?: Principal;
  idleDeadline?: string;
  absoluteDeadline?: string;
};
type HavenUser = { id: string; email: string; name: string | null; method: SessionMethod };

/** Extra sign-in providers (the PIN) register here, keeping this file the one Auth.js configuration. */
export const extraProviders: ReturnType<typeof Credentials>[] = [];

const secure = () => isSecureOrigin();
export const SESSION_COOKIE = () => (secure() ? "__Host-haven.session" : "haven.session");

export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: authSecret(),
  trustHost: true,
  session: { strategy: "jwt", maxAge: ABSOLUTE_TIMEOUT_MS / 1000, updateAge: 0 },
  useSecureCookies: secure(),
  cookies: {
    // HttpOnly, SameSite=Lax, and Secure with the __Host- prefix in production (docs/decisions.md, Quality targets: Session cookie flags).
    sessionToken: { name: SESSION_COOKIE(), options: { httpOnly: true, sameSite: "lax", path: "/", secure: secure() } },
    // Auth.js names this one `__Secure-…`; `__Host-` also forbids a Domain attribute, so every cookie Haven sets
    // over HTTPS is host-only (docs/deploy/README.md; e2e/https.spec.ts).
    callbackUrl: {
      name: secure() ? "__Host-authjs.callback-url" : "authjs.callback-url",
      options: { httpOnly: true, sameSite: "lax", path: "/", secure: secure() },
    },
  },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  logger: {
    // Auth.js errors can carry request details; log the kind only, never tokens or addresses. The kind is the
    // error's `type` ("CredentialsSignin"): a production build minifies class names, so `name` reads "g".
    error: (e: Error) =>
      console.error(
        JSON.stringify({
          level: "error",
          msg: "auth",
          error: "type" in e && typeof e.type === "string" ? e.type : e.name,
        }),
      ),
    warn: () => {},
    debug: () => {},
  },
  providers: [
    Credentials({
      id: "link",
      name: "Email link",
      credentials: { token: {} },
      async authorize(credentials, request) {
        const meta = metaFrom(request.headers);
        const result = await consumeLink(String(credentials?.token ?? ""), meta);
        if (!result.ok) throw new LinkRejected();
        return {
          id: result.user.id,
          email: result.user.email,
          name: result.user.name,
          method: result.kind,
        } satisfies HavenUser;
      },
    }),
    // docs/product.md, Sign-in rule 5: address + staff-issued PIN (lib/auth/pin.ts). The per-IP limit is checked here,
    // where every PIN sign-in goes, not in one route handler (lib/auth/pin-sign-in.ts).
    Credentials({
      id: "pin",
      name: "PIN code",
      credentials: { email: {}, pin: {} },
      // Auth.js hands authorize the incoming request's headers (server-side signIn copies the current request's),
      // so the client address is the one server.mjs stamped, on every path.
      async authorize(credentials, request) {
        const meta = metaFrom(request.headers);
        const result = await attemptPinSignIn(String(credentials?.email ?? ""), String(credentials?.pin ?? ""), meta);
        if (!result.ok) throw result.reason === "rate_limited" ? new PinRateLimited() : new PinRejected();
        return {
          id: result.user.id,
          email: result.user.email,
          name: result.user.name,
          method: "pin",
        } satisfies HavenUser;
      },
    }),
    // "Sign in with a passkey" (docs/decisions.md "Second factor and passkeys"): a WebAuthn assertion answering a
    // challenge this server issued (single-use, 5 minutes); the authenticator names the person.
    Credentials({
      id: "passkey",
      name: "Passkey",
      credentials: { challengeId: {}, response: {} },
      async authorize(credentials, request) {
        const meta = metaFrom(request.headers);
        const result = await verifyPasskeySignIn(
          String(credentials?.challengeId ?? ""),
          String(credentials?.response ?? ""),
          meta,
        );
        if (!result.ok) throw new PasskeyRejected();
        return {
          id: result.user.id,
          email: result.user.email,
          name: result.user.name,
          method: "passkey",
        } satisfies HavenUser;
      },
    }),
    ...extraProviders,
  ],
  callbacks: {
    async jwt({ token, user }) {
      const t = token as typeof token & HavenToken;
      if (user) {
        // Sign-in: create the server-side session this cookie will point at.
        const u = user as HavenUser;
        const meta = await requestMeta();
        const sid = await createSession(u.id, u.method, meta);
        await audit({
          action: "auth.sign_in",
          actorUserId: u.id,
          targetType: "user",
          targetId: u.id,
          detail: { method: u.method },
          ip: meta.ip,
          userAgent: meta.userAgent,
        });
        return { sub: u.id, sid, method: u.method };
      }
      const check = await checkSession(t.sid);
      if (!check.ok && check.reason === "second_factor") {
        return {
          ...t,
          principal: undefined,
          pending: check.pending,
          idleDeadline: check.idleDeadline.toISOString(),
          absoluteDeadline: check.absoluteDeadline.toISOString(),
        };
      }
      if (!check.ok) return null;
      return {
        ...t,
        pending: undefined,
        principal: check.principal,
        idleDeadline: check.idleDeadline.toISOString(),
        absoluteDeadline: check.absoluteDeadline.toISOString(),
      };
    },
    async session({ session, token }) {
      const t = token as HavenToken;
      return {
        ...session,
        principal: t.principal,
        pending: t.pending,
        idleDeadline: t.idleDeadline,
        absoluteDeadline: t.absoluteDeadline,
      } as typeof session;
    },
  },
  events: {
    async signOut(message) {
      const t = ("token" in message ? message.token : null) as HavenToken | null;
      const who = t?.principal ?? t?.pending;
      const userId = who?.userId ?? (message as { token?: { sub?: string } }).token?.sub;
      if (t?.sid && userId) await endSessionByCookieId(t.sid, "sign_out", { userId, role: who?.role ?? null });
    },
  },
}));

export type CurrentSession = { principal: Principal; idleDeadline: string; absoluteDeadline: string };

/** What a request's session resolves to: the same fields Auth.js's session callback above gives `auth()`. */
type RequestSession = {
  principal?: Principal;
  pending?: Principal;
  idleDeadline?: string;
  absoluteDeadline?: string;
};

/**
 * The session of this request: the session cookie's id (lib/auth/session-cookie.ts: decrypted with Auth.js's own
 * `decode` once per cookie, not decrypted and re-encrypted on every request as `auth()` does) and the session row
 * re-checked exactly as the `jwt` callback above does it (lib/auth/sessions.ts checkSession). Run once per server
 * render and shared by the layout, the page and every component that asks (React `cache`, docs/decisions.md
 * "Per-request memoisation"). A server action runs outside any render, so it never sees a memoised value; after
 * it switches profile, signs out or revokes access, the page rendered next is a new render with a fresh check, and
 * sees the change.
 */
/** What kind of page this server render is for, as its guard said before reading the session (one per render). */
const renderIsFor = cache(() => ({ client: false }));

/**
 * Called by a client page's guard (lib/auth/guards.ts) before it reads the session: this render's session check
 * then also reads the client's own profiles. Outside a render (an action, a route) nothing is held and the plain
 * check runs; either way the answer is the same, only the number of statements differs.
 */
export function expectClientPage() {
  renderIsFor().client = true;
}

/** The session id in this request's cookie (decrypted once per cookie, lib/auth/session-cookie.ts), or null. */
const cookieSessionId = cache(async (): Promise<string | null> => {
  const name = SESSION_COOKIE();
  const raw = joinCookie(name, (await cookies()).getAll());
  return raw ? sessionIdOfCookie(raw, name, authSecret()) : null;
});

type Started = { sid: string; rows: SessionRowWithProfile[] };
const renderStart = cache((): { started: Promise<Started | null> | null } => ({ started: null }));

/**
 * Called first by the root layout and its metadata (app/layout.tsx): on a request with a session cookie, the
 * practice settings and the session (with a client's own profiles) are read in one statement
 * (lib/auth/sessions.ts `settingsAndSession`) and held for this render, so the layout's settings and the page's
 * guard cost one statement, not two. Without a cookie nothing is read here and the settings are read as ever. If
 * this statement fails, nothing is held and each is read apart (and fails or not on its own).
 */
export function startPageRender(): Promise<void> {
  const held = renderStart();
  held.started ??= (async () => {
    const sid = await cookieSessionId();
    if (!sid) return null;
    const read = await settingsAndSession(sha256Hex(sid)).catch(() => null);
    if (!read) return null;
    holdPracticeSettings(read.settings);
    return { sid, rows: read.rows };
  })();
  return held.started.then(() => undefined);
}

export const sessionOfRequest = cache(async (): Promise<RequestSession | null> => {
  const sid = await cookieSessionId();
  if (!sid) return null;
  // The root layout's statement read this session already (always with a client's own profiles); else, on a
  // client's page the client's own profiles come in the session check's statement, and a staff page's check does
  // not carry them (a wider row costs every statement that reads it). Either way they are held for this render's
  // `listMyProfiles`.
  const started = await renderStart().started;
  const check =
    started && started.sid === sid
      ? await checkSessionRows(sha256Hex(sid), started.rows, { touch: true, withOwnProfiles: true })
      : await checkSession(sid, { touch: true, withOwnProfiles: renderIsFor().client });
  if (check.ok && check.ownProfiles) holdOwnProfiles(check.principal.userId, check.ownProfiles);
  if (!check.ok && check.reason === "second_factor")
    return {
      pending: check.pending,
      idleDeadline: check.idleDeadline.toISOString(),
      absoluteDeadline: check.absoluteDeadline.toISOString(),
    };
  if (!check.ok) return null;
  return {
    principal: check.principal,
    idleDeadline: check.idleDeadline.toISOString(),
    absoluteDeadline: check.absoluteDeadline.toISOString(),
  };
});

export async function getCurrentSession(): Promise<CurrentSession | null> {
  const s = await sessionOfRequest();
  if (!s?.principal) return null;
  return { principal: s.principal, idleDeadline: s.idleDeadline!, absoluteDeadline: s.absoluteDeadline! };
}

export async function getPrincipal(): Promise<Principal | null> {
  return (await getCurrentSession())?.principal ?? null;
}
