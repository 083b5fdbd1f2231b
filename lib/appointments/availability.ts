import "server-only";
import { and, asc, eq, gte, inArray, lt } from "drizzle-orm";
import { db, type DbOrTx } from "@/db";
import { appointments, clinicianDaysOff, clinicianHours, clinicianSchedules } from "@/db/schema";
import { audit } from "@/lib/audit/write";
import { now } from "@/lib/core/clock";
import { assertStaff, type StaffPrincipal } from "@/lib/core/principal";
import { addDays, instantInZone, todayInZone } from "@/lib/core/time";
import { getPracticeSettings } from "@/lib/practice/settings";
import { openSlots, type WeeklyHours } from "./rules";
import type { AvailabilityInput } from "./schemas";

/** A clinician's slot length and buffer, with the defaults when never set. */
export async function scheduleFor(
  on: DbOrTx,
  clinicianId: string,
): Promise<{ slotMinutes: number; bufferMinutes: number }> {
  const [s] = await on.select().from(clinicianSchedules).where(eq(clinicianSchedules.clinicianId, clinicianId));
  return { slotMinutes: s?.slotMinutes ?? 50, bufferMinutes: s?.bufferMinutes ?? 10 };
}

export type Availability = {
  slotMinutes: number;
  bufferMinutes: number;
  hours: WeeklyHours[];
  daysOff: string[];
};

/** The signed-in staff member's own weekly hours and days off from today. */
export async function getMyAvailability(p: StaffPrincipal): Promise<Availability> {
  assertStaff(p);
  const { timeZone } = await getPracticeSettings();
  const hours = await db
    .select({ weekday: clinicianHours.weekday, startTime: clinicianHours.startTime, endTime: clinicianHours.endTime })
    .from(clinicianHours)
    .where(eq(clinicianHours.clinicianId, p.userId))
    .orderBy(asc(clinicianHours.weekday), asc(clinicianHours.startTime));
  const off = await db
    .select({ day: clinicianDaysOff.day })
    .from(clinicianDaysOff)
    .where(and(eq(clinicianDaysOff.clinicianId, p.userId), gte(clinicianDaysOff.day, todayInZone(now(), timeZone))))
    .orderBy(asc(clinicianDaysOff.day));
  return { ...(await scheduleFor(db, p.userId)), hours, daysOff: off.map((d) => d.day) };
}

/** Replaces the staff member's own weekly hours, days off, slot length and buffer (one transaction, audited). */
export async function saveMyAvailability(p: StaffPrincipal, input: AvailabilityInput): Promise<void> {
  assertStaff(p);
  await db.transaction(async (tx) => {
    await tx
      .insert(clinicianSchedules)
      .values({
        clinicianId: p.userId,
        slotMinutes: input.slotMinutes,
        bufferMinutes: input.bufferMinutes,
        updatedAt: now(),
      })
      .onConflictDoUpdate({
        target: clinicianSchedules.clinicianId,
        set: { slotMinutes: input.slotMinutes, bufferMinutes: input.bufferMinutes, updatedAt: now() },
      });
    await tx.delete(clinicianHours).where(eq(clinicianHours.clinicianId, p.userId));
    if (input.hours.length)
      await tx.insert(clinicianHours).values(input.hours.map((h) => ({ ...h, clinicianId: p.userId })));
    await tx.delete(clinicianDaysOff).where(eq(clinicianDaysOff.clinicianId, p.userId));
    const days = [...new Set(input.daysOff)];
    if (days.length) await tx.insert(clinicianDaysOff).values(days.map((day) => ({ clinicianId: p.userId, day })));
    await audit(
      {
        action: "appointment.availability_updated",
        actor: p,
        targetType: "user",
        targetId: p.userId,
        detail: { hours: input.hours.length, daysOff: days.length },
      },
      tx,
    );
  });
}

/**
 * The slots a clinician offers from now for `days` days: weekly hours minus days off, minus live (requested or
 * scheduled) appointments with the buffer around them (lib/appointments/rules.ts).
 */
export async function openSlotsFor(on: DbOrTx, clinicianId: string, days: number): Promise<Date[]> {
  const { timeZone } = await getPracticeSettings(on);
  const t = now();
  const fromDay = todayInZone(t, timeZone);
  const toDay = addDays(fromDay, days - 1);
  const [hours, off, sched] = [
    await on
      .select({ weekday: clinicianHours.weekday, startTime: clinicianHours.startTime, endTime: clinicianHours.endTime })
      .from(clinicianHours)
      .where(eq(clinicianHours.clinicianId, clinicianId)),
    await on
      .select({ day: clinicianDaysOff.day })
      .from(clinicianDaysOff)
      .where(and(eq(clinicianDaysOff.clinicianId, clinicianId), gte(clinicianDaysOff.day, fromDay))),
    await scheduleFor(on, clinicianId),
  ];
  if (!hours.length) return [];
  const busy = await on
    .select({ startsAt: appointments.startsAt, endsAt: appointments.endsAt })
    .from(appointments)
    .where(
      and(
        eq(appointments.clinicianId, clinicianId),
        inArray(appointments.status, ["requested", "scheduled"]),
        lt(appointments.startsAt, instantInZone(addDays(toDay, 1), "00:00", timeZone)),
        gte(appointments.endsAt, new Date(t.getTime() - 24 * 3_600_000)),
      ),
    );
  return openSlots({ fromDay, toDay, hours, daysOff: off.map((d) => d.day), busy, ...sched, notBefore: t, timeZone });
}
