import "server-only";
import { and, asc, eq, isNull } from "drizzle-orm";
import { db } from "@/db";
import { appointmentFormRules, formTemplates } from "@/db/schema";
import { audit } from "@/lib/audit/write";
import { now } from "@/lib/core/clock";
import { NotFoundError } from "@/lib/core/errors";
import { assertStaff, type StaffPrincipal } from "@/lib/core/principal";
import { isUuid } from "@/lib/core/validation";
import { latestVersion } from "@/lib/forms/templates";
import { findProfile } from "@/lib/profiles/access";
import type { FormRuleInput } from "./schemas";

export type FormRuleRow = { id: string; title: string; everyWeeks: number | null; leadHours: number };

/** The measures set to go out before a profile's appointments (staff). */
export async function listFormRules(p: StaffPrincipal, profileId: string): Promise<FormRuleRow[]> {
  assertStaff(p);
  const profile = await findProfile(p, profileId);
  return db
    .select({
      id: appointmentFormRules.id,
      title: formTemplates.title,
      everyWeeks: appointmentFormRules.everyWeeks,
      leadHours: appointmentFormRules.leadHours,
    })
    .from(appointmentFormRules)
    .innerJoin(formTemplates, eq(formTemplates.id, appointmentFormRules.templateId))
    .where(and(eq(appointmentFormRules.profileId, profile.id), isNull(appointmentFormRules.removedAt)))
    .orderBy(asc(appointmentFormRules.createdAt));
}

/** Sets a form (e.g. PHQ-9) to be sent before every appointment of a profile, or at most every N weeks. */
export async function addFormRule(p: StaffPrincipal, input: FormRuleInput): Promise<{ id: string }> {
  assertStaff(p);
  return db.transaction(async (tx) => {
    const profile = await findProfile(p, input.profileId, tx);
    await latestVersion(p, input.templateId, tx); // a template this staff member may send
    const [row] = await tx
      .insert(appointmentFormRules)
      .values({
        profileId: profile.id,
        templateId: input.templateId,
        everyWeeks: input.every === "weeks" ? (input.everyWeeks ?? 4) : null,
        leadHours: input.leadHours,
        createdById: p.userId,
        createdAt: now(),
      })
      .returning({ id: appointmentFormRules.id });
    await audit(
      {
        action: "appointment.form_rule_added",
        actor: p,
        profileId: profile.id,
        targetType: "appointment_form_rule",
        targetId: row.id,
        detail: { templateId: input.templateId },
      },
      tx,
    );
    return row;
  });
}

export async function removeFormRule(p: StaffPrincipal, ruleId: string): Promise<void> {
  assertStaff(p);
  if (!isUuid(ruleId)) throw new NotFoundError();
  await db.transaction(async (tx) => {
    const [rule] = await tx.select().from(appointmentFormRules).where(eq(appointmentFormRules.id, ruleId));
    if (!rule || rule.removedAt) throw new NotFoundError();
    await findProfile(p, rule.profileId, tx);
    await tx.update(appointmentFormRules).set({ removedAt: now() }).where(eq(appointmentFormRules.id, rule.id));
    await audit(
      {
        action: "appointment.form_rule_removed",
        actor: p,
        profileId: rule.profileId,
        targetType: "appointment_form_rule",
        targetId: rule.id,
        detail: { templateId: rule.templateId },
      },
      tx,
    );
  });
}
