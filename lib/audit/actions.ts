"use server";

import { redirect } from "next/navigation";
import { defineAction } from "@/lib/auth/action";
import { auditFilterHref, emailLogHref } from "@/lib/audit/filters";
import { auditFilterFormSchema, emailLogFilterFormSchema } from "@/lib/audit/schemas";

/*
 * The admin log filters post here instead of using GET, so a name or email typed into them never reaches a URL;
 * the redirect carries free text sealed (lib/audit/filters.ts). An invalid entry comes back as `?error=<field>`
 * and the page shows the message at that field.
 */

const filterAudit = defineAction(
  { schema: auditFilterFormSchema, who: "admin", name: "filterAuditLog" },
  async (input, { principal }) => {
    redirect(auditFilterHref(principal, "/admin/audit", input));
  },
);

export async function filterAuditLogAction(fd: FormData): Promise<void> {
  const r = await filterAudit(fd);
  if (!r.ok) redirect(`/admin/audit?error=${firstField(r.fieldErrors, ["user", "profile", "action"])}`);
}

const filterEmails = defineAction(
  { schema: emailLogFilterFormSchema, who: "admin", name: "filterEmailLog" },
  async (input, { principal }) => {
    redirect(emailLogHref(principal, input));
  },
);

export async function filterEmailLogAction(fd: FormData): Promise<void> {
  const r = await filterEmails(fd);
  if (!r.ok) redirect(`/admin/emails?error=${firstField(r.fieldErrors, ["to", "status"])}`);
}

function firstField(errors: Record<string, string[]> | undefined, order: string[]): string {
  return order.find((k) => errors?.[k]) ?? order[0];
}
