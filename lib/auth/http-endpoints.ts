/** Auth.js's route prefix (its default basePath, where app/api/auth/[...nextauth] mounts it). */
const AUTH_BASE = "/api/auth";

/**
 * True for Auth.js URLs Haven refuses: every `callback` (`/api/auth/callback/link`, `/api/auth/callback/pin`, ...).
 * Haven has only credentials providers and signs in with server-side signIn(), so an HTTP callback is only ever a
 * way around its forms. The path is split exactly as Auth.js splits it (empty segments dropped, so `//callback/`
 * is a callback too); anything Auth.js would not read as a callback is not one for Auth.js either.
 * If an OAuth or email provider is ever added, its callback must be allowed here on purpose.
 */
export function isRefusedAuthPath(pathname: string): boolean {
  if (!pathname.startsWith(AUTH_BASE)) return false;
  const [action] = pathname.slice(AUTH_BASE.length).split("/").filter(Boolean);
  return action === "callback";
}
