import "server-only";
import { and, desc, eq, isNotNull, sql } from "drizzle-orm";
import { db, execRows } from "@/db";
import { appointmentFormRules, appointmentFormSends, appointments, profileAccess, users } from "@/db/schema";
import { audit } from "@/lib/audit/write";
import { HOUR, now } from "@/lib/core/clock";
import { env } from "@/lib/core/env";
import { log } from "@/lib/core/log";
import type { StaffPrincipal } from "@/lib/core/principal";
import { formatDateTime } from "@/lib/core/time";
import { appUrl, enqueueEmail } from "@/lib/email/outbox";
import { sendForms } from "@/lib/forms/responses";
import { getPracticeSettings } from "@/lib/practice/settings";
import { dayOf } from "./rules";

/**
 * Work done on a timer by every app server (docs/decisions.md, Appointments: reminders through the outbox). Each
 * claim is one UPDATE or INSERT whose condition only one transaction can satisfy, so two servers (or one that
 * restarted half-way) never queue the same reminder or form twice; what was queued is in the database, and the
 * outbox delivers it.
 */

type Due = { id: string; profile_id: string; starts_at: string | Date };

/**
 * Queues the reminder of every scheduled appointment that starts within the practice's lead time and has none
 * yet. Cancelled or past appointments are never reminded. Returns how many appointments were reminded.
 */
export async function queueDueReminders(batch = 100): Promise<number> {
  const settings = await getPracticeSettings();
  const t = now();
  const until = new Date(t.getTime() + settings.reminderLeadHours * HOUR);
  return db.transaction(async (tx) => {
    const due = await execRows<Due>(
      sql`
      UPDATE ${appointments} SET reminder_queued_at = ${t.toISOString()}::timestamptz
      WHERE id IN (
        SELECT id FROM ${appointments}
        WHERE status = 'scheduled' AND reminder_queued_at IS NULL
          AND starts_at > ${t.toISOString()}::timestamptz AND starts_at <= ${until.toISOString()}::timestamptz
        ORDER BY starts_at
        LIMIT ${batch}
        FOR UPDATE SKIP LOCKED
      ) AND status = 'scheduled' AND reminder_queued_at IS NULL
      RETURNING id, profile_id, starts_at`,
      tx,
    );
    for (const a of due) {
      const when = formatDateTime(new Date(a.starts_at), settings.timeZone);
      const people = await tx
        .select({ id: users.id, email: users.email })
        .from(profileAccess)
        .innerJoin(users, eq(users.id, profileAccess.userId))
        .where(and(eq(profileAccess.profileId, a.profile_id), eq(users.active, true)));
      // Date and time only: no clinician, no kind, never the telehealth link (docs/product.md, Email: no PHI).
      for (const u of people)
        await enqueueEmail(tx, {
          to: u.email,
          template: "appointment-reminder",
          props: { url: appUrl("/portal/appointments"), when },
          userId: u.id,
        });
      await audit(
        {
          action: "appointment.reminder_queued",
          actorRole: "system",
          profileId: a.profile_id,
          targetType: "appointment",
          targetId: a.id,
          detail: { recipients: people.length },
          ip: null,
        },
        tx,
      );
    }
    return due.length;
  });
}

/**
 * Sends each profile's "before appointments" measures: for every scheduled appointment that starts within a
 * rule's lead time, the rule's form becomes a to-do (with its "forms to complete" email), once per rule and
 * appointment (the send row's primary key). A rule "every N weeks" skips an appointment less than N weeks after
 * the last one it was sent for. Returns how many forms were sent.
 */
export async function sendDueVisitForms(): Promise<number> {
  const t = now();
  const { timeZone } = await getPracticeSettings();
  const candidates = await execRows<{ rule_id: string; appointment_id: string }>(sql`
    SELECT r.id AS rule_id, a.id AS appointment_id
    FROM ${appointmentFormRules} r
    JOIN ${appointments} a ON a.profile_id = r.profile_id
    WHERE r.removed_at IS NULL AND a.status = 'scheduled'
      AND a.starts_at > ${t.toISOString()}::timestamptz
      AND a.starts_at <= ${t.toISOString()}::timestamptz + make_interval(hours => r.lead_hours)
      AND a.created_at <= ${t.toISOString()}::timestamptz
      AND NOT EXISTS (SELECT 1 FROM ${appointmentFormSends} s WHERE s.rule_id = r.id AND s.appointment_id = a.id)
    ORDER BY a.starts_at
    LIMIT 100`);
  let sent = 0;
  for (const c of candidates) {
    sent += await db.transaction(async (tx) => {
      const claimed = await tx
        .insert(appointmentFormSends)
        .values({ ruleId: c.rule_id, appointmentId: c.appointment_id, at: t })
        .onConflictDoNothing()
        .returning({ ruleId: appointmentFormSends.ruleId });
      if (!claimed.length) return 0; // another server got there first
      const [row] = await tx
        .select({ rule: appointmentFormRules, a: appointments, role: users.role, email: users.email, name: users.name })
        .from(appointmentFormRules)
        .innerJoin(appointments, eq(appointments.id, c.appointment_id))
        .innerJoin(users, eq(users.id, appointmentFormRules.createdById))
        .where(eq(appointmentFormRules.id, c.rule_id));
      if (!row || (row.role !== "clinician" && row.role !== "admin")) return 0;
      if (row.rule.everyWeeks) {
        const [last] = await tx
          .select({ startsAt: appointments.startsAt })
          .from(appointmentFormSends)
          .innerJoin(appointments, eq(appointments.id, appointmentFormSends.appointmentId))
          .where(and(eq(appointmentFormSends.ruleId, row.rule.id), isNotNull(appointmentFormSends.responseId)))
          .orderBy(desc(appointments.startsAt))
          .limit(1);
        if (last && row.a.startsAt.getTime() - last.startsAt.getTime() < row.rule.everyWeeks * 7 * 24 * HOUR) return 0;
      }
      // Sent in the name of the clinician who set the rule, through the forms domain (its audit and email).
      const p: StaffPrincipal = {
        userId: row.rule.createdById,
        role: row.role,
        email: row.email,
        name: row.name,
        sessionId: "appointment-forms",
        activeProfileId: null,
      };
      const { ids } = await sendForms(
        p,
        { profileId: row.rule.profileId, templateIds: [row.rule.templateId], dueDate: dayOf(row.a.startsAt, timeZone) },
        tx,
      );
      await tx
        .update(appointmentFormSends)
        .set({ responseId: ids[0] ?? null })
        .where(
          and(eq(appointmentFormSends.ruleId, c.rule_id), eq(appointmentFormSends.appointmentId, c.appointment_id)),
        );
      return 1;
    });
  }
  return sent;
}

/** One round of the appointment work. */
export async function runAppointmentJobs(): Promise<{ reminders: number; forms: number }> {
  return { reminders: await queueDueReminders(), forms: await sendDueVisitForms() };
}

const g = globalThis as unknown as { __havenAppointmentJobs?: NodeJS.Timeout };

/** The background loop inside each app server (started at boot beside the email deliverer). */
export function startAppointmentJobs(intervalMs = 30_000) {
  if (g.__havenAppointmentJobs || env().EMAIL_DELIVERER === "off") return;
  let running = false;
  g.__havenAppointmentJobs = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      await runAppointmentJobs();
    } catch (e) {
      log.error("appointment jobs round failed", e);
    } finally {
      running = false;
    }
  }, intervalMs);
  g.__havenAppointmentJobs.unref?.();
}

export function stopAppointmentJobs() {
  if (g.__havenAppointmentJobs) clearInterval(g.__havenAppointmentJobs);
  g.__havenAppointmentJobs = undefined;
}
