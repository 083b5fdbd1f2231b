import "server-only";
import { openFromUrl, sealForUrl } from "@/lib/core/crypto";
import type { Principal } from "@/lib/core/principal";
import { isUuid } from "@/lib/core/validation";
import { EMAIL_STATUSES, parseAuditFilters, type AuditFilters } from "./schemas";

/**
 * The audit log's and email log's URLs without names or email addresses in them (docs/decisions.md "No PHI in
 * URLs"). A user or profile *id* stays readable (ids are not PHI, and other screens link by id); free text is
 * sealed (lib/core/crypto.ts sealForUrl) for this admin and this field. Plain text or a value that does not
 * open is no filter, and the page says the link is no longer valid.
 */
type Params = Record<string, string | string[] | undefined> | URLSearchParams;
type Who = Pick<Principal, "userId">;

const context = (p: Who, field: string) => `${field}:${p.userId}`;

function plain(params: Params): Record<string, string> {
  const entries = params instanceof URLSearchParams ? Array.from(params.entries()) : Object.entries(params);
  return Object.fromEntries(entries.filter((e): e is [string, string] => typeof e[1] === "string"));
}

function seal(p: Who, field: string, value: string, idsStayPlain: boolean): string {
  return idsStayPlain && isUuid(value) ? value : sealForUrl(value, context(p, field));
}

/** Opens one sealed field; `null` means "present but not openable". */
function open(p: Who, field: string, value: string | undefined, idsStayPlain: boolean): string | null | undefined {
  if (!value) return undefined;
  if (idsStayPlain && isUuid(value)) return value;
  return openFromUrl(value, context(p, field));
}

export function readAuditFilters(p: Who, params: Params): { filters: AuditFilters; staleSearch: boolean } {
  const raw = plain(params);
  let staleSearch = false;
  for (const field of ["user", "profile"] as const) {
    const v = open(p, `audit.${field}`, raw[field], true);
    if (v === null) staleSearch = true;
    raw[field] = v ?? "";
  }
  return { filters: parseAuditFilters(raw), staleSearch };
}

/** `path` + the filters as a query string, free text sealed; for the page links and the CSV export. */
export function auditFilterHref(
  p: Who,
  path: string,
  f: Partial<AuditFilters>,
  extra: Record<string, string> = {},
): string {
  const q = new URLSearchParams();
  if (f.user) q.set("user", seal(p, "audit.user", f.user, true));
  if (f.profile) q.set("profile", seal(p, "audit.profile", f.profile, true));
  for (const k of ["action", "from", "to"] as const) if (f[k]) q.set(k, f[k]);
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  const s = q.toString();
  return `${path}${s ? `?${s}` : ""}`;
}

export type EmailLogFilters = { to: string; status: string; page: number };

export function readEmailLogFilters(p: Who, params: Params): { filters: EmailLogFilters; staleSearch: boolean } {
  const raw = plain(params);
  const to = open(p, "emails.to", raw.to, false);
  const status = (EMAIL_STATUSES as readonly string[]).includes(raw.status ?? "") ? raw.status! : "";
  const page = Math.min(10_000, Math.max(1, Number(raw.page) || 1));
  return { filters: { to: (to ?? "").trim().slice(0, 254), status, page }, staleSearch: to === null };
}

export function emailLogHref(p: Who, f: Partial<EmailLogFilters>): string {
  const q = new URLSearchParams();
  if (f.to) q.set("to", seal(p, "emails.to", f.to, false));
  if (f.status) q.set("status", f.status);
  if (f.page && f.page > 1) q.set("page", String(f.page));
  const s = q.toString();
  return `/admin/emails${s ? `?${s}` : ""}`;
}
