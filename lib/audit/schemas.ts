import { z } from "zod";
import { isRealDate, textOrBlank } from "@/lib/core/validation";

const dateOrBlank = z
  .string()
  .trim()
  .optional()
  .default("")
  .transform((v) => (isRealDate(v) ? v : ""));

/** Audit log filters, read from the query string (the page and the CSV export use the same ones). */
export const auditFilterSchema = z.object({
  user: textOrBlank(254, "The user").catch(""),
  profile: textOrBlank(200, "The profile").catch(""),
  action: textOrBlank(60, "The action").catch(""),
  from: dateOrBlank,
  to: dateOrBlank,
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(1).default(1),
});
export type AuditFilters = z.output<typeof auditFilterSchema>;

export function parseAuditFilters(params: Record<string, string | string[] | undefined> | URLSearchParams): AuditFilters {
  const obj: Record<string, string> = {};
  const entries = params instanceof URLSearchParams ? Array.from(params.entries()) : Object.entries(params);
  for (const [k, v] of entries) if (typeof v === "string") obj[k] = v;
  const r = auditFilterSchema.safeParse(obj);
  return r.success ? r.data : auditFilterSchema.parse({});
}

/** The query string for a set of filters (for links: next page, export). */
export function auditFilterQuery(f: AuditFilters, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams();
  for (const k of ["user", "profile", "action", "from", "to"] as const) if (f[k]) q.set(k, f[k]);
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : "";
}
