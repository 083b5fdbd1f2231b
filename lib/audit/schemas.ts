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
});
export type AuditFilters = z.output<typeof auditFilterSchema>;

/** The audit filter form (posted to a server action, which redirects with free text sealed). */
export const auditFilterFormSchema = z.object({
  user: z.string().trim().max(254, "Enter at most 254 characters.").optional().default(""),
  profile: z.string().trim().max(200, "Enter at most 200 characters.").optional().default(""),
  action: z.string().trim().max(60, "Choose an action from the list.").optional().default(""),
  from: dateOrBlank,
  to: dateOrBlank,
});

/** The email log filter form. */
export const emailLogFilterFormSchema = z.object({
  to: z.string().trim().max(254, "Enter at most 254 characters.").optional().default(""),
  status: z.enum(["", "pending", "sending", "sent", "failed"], "Choose a status from the list.").optional().default(""),
});

export function parseAuditFilters(
  params: Record<string, string | string[] | undefined> | URLSearchParams,
): AuditFilters {
  const obj: Record<string, string> = {};
  const entries = params instanceof URLSearchParams ? Array.from(params.entries()) : Object.entries(params);
  for (const [k, v] of entries) if (typeof v === "string") obj[k] = v;
  const r = auditFilterSchema.safeParse(obj);
  return r.success ? r.data : auditFilterSchema.parse({});
}

/** The email log's status filter (admin → Email log). */
export const EMAIL_STATUSES = ["pending", "sending", "sent", "failed"] as const;
