import "server-only";
import { and, asc, desc, eq, gt, gte, inArray, lt, sql } from "drizzle-orm";
import { db, type DbOrTx } from "@/db";
import {
  appointmentSeries,
  appointments,
  clientProfiles,
  profileAccess,
  users,
  type Appointment,
  type AppointmentStatus,
} from "@/db/schema";
import { audit } from "@/lib/audit/write";
import { now } from "@/lib/core/clock";
import { ConflictError, DatabaseError, NotFoundError, ValidationError } from "@/lib/core/errors";
import {
  assertClient,
  assertStaff,
  type ClientPrincipal,
  type Principal,
  type StaffPrincipal,
} from "@/lib/core/principal";
import { addDays, formatDateTime, instantInZone } from "@/lib/core/time";
import { isUuid } from "@/lib/core/validation";
import { appUrl, enqueueEmail } from "@/lib/email/outbox";
import { getPracticeSettings } from "@/lib/practice/settings";
import { findProfile, inProfileScope, requireActiveProfile } from "@/lib/profiles/access";
import { openSlotsFor, scheduleFor } from "./availability";
import {
  canClientCancel,
  dayOf,
  defaultCancellationPolicy,
  placeOfServiceFor,
  seriesStarts,
  telehealthLinkVisible,
} from "./rules";
import type { AppointmentInput, AppointmentUpdate } from "./schemas";

/**
 * Appointments (docs/product.md, Appointments; docs/decisions.md, Appointments). Every function takes the acting
 * principal and puts ownership in the where clause: a clinician reaches their own clients' appointments, an admin
 * all, a client those of the active profile (partners of a couple and guardians of a minor reach the profile
 * through profile_access). Anything else is NotFoundError.
 */

/** Booked or waiting for the clinician: these hold their time. */
export const LIVE: AppointmentStatus[] = ["requested", "scheduled"];

/**
 * Serialises bookings of one clinician inside a transaction, so the overlap check and the insert see each other.
 * The unique index on (clinician, start) of live appointments is the database's own guarantee behind it.
 */
async function lockClinician(tx: DbOrTx, clinicianId: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`appointments:${clinicianId}`}))`);
}

async function assertNoOverlap(
  tx: DbOrTx,
  clinicianId: string,
  spans: { startsAt: Date; endsAt: Date }[],
  exceptId?: string,
) {
  for (const s of spans) {
    const [clash] = await tx
      .select({ id: appointments.id, startsAt: appointments.startsAt })
      .from(appointments)
      .where(
        and(
          eq(appointments.clinicianId, clinicianId),
          inArray(appointments.status, LIVE),
          lt(appointments.startsAt, s.endsAt),
          gt(appointments.endsAt, s.startsAt),
          exceptId ? sql`${appointments.id} <> ${exceptId}` : undefined,
        ),
      )
      .limit(1);
    if (clash) {
      const { timeZone } = await getPracticeSettings(tx);
      throw new ConflictError(`That time overlaps another appointment (${formatDateTime(clash.startsAt, timeZone)}).`);
    }
  }
}

/** A unique-index violation on the live slot means someone else took the time a moment before. */
function slotTaken(e: unknown): boolean {
  return e instanceof DatabaseError && e.isUniqueViolation && e.constraint === "appointments_live_slot_uq";
}

/** The portal users of a profile (both partners, every guardian) who get its emails. */
async function recipientsOf(tx: DbOrTx, profileId: string) {
  return tx
    .select({ id: users.id, email: users.email })
    .from(profileAccess)
    .innerJoin(users, eq(users.id, profileAccess.userId))
    .where(and(eq(profileAccess.profileId, profileId), eq(users.active, true)));
}

/**
 * Books one appointment or a weekly/biweekly series for a profile (staff). Each occurrence is placed at the same
 * wall-clock time in the practice's zone (lib/appointments/rules.ts), so a series keeps 10:00 across daylight saving.
 */
export async function createAppointments(p: StaffPrincipal, input: AppointmentInput): Promise<{ ids: string[] }> {
  assertStaff(p);
  return db.transaction(async (tx) => {
    const profile = await findProfile(p, input.profileId, tx);
    const { timeZone } = await getPracticeSettings(tx);
    const interval = input.repeat === "weekly" ? 1 : input.repeat === "biweekly" ? 2 : 0;
    const count = interval ? input.occurrences : 1;
    const starts = seriesStarts(input.day, input.time, interval || 1, count, timeZone);
    const spans = starts.map((s) => ({ startsAt: s, endsAt: new Date(s.getTime() + input.durationMinutes * 60_000) }));
    if (spans[0].startsAt.getTime() < now().getTime())
      throw new ValidationError("Choose a time in the future.", { day: ["Choose a time in the future."] });
    await lockClinician(tx, profile.clinicianId);
    await assertNoOverlap(tx, profile.clinicianId, spans);
    let seriesId: string | null = null;
    if (interval) {
      const [s] = await tx
        .insert(appointmentSeries)
        .values({
          profileId: profile.id,
          clinicianId: profile.clinicianId,
          intervalWeeks: interval,
          localTime: input.time,
          firstDay: input.day,
          occurrences: count,
          createdById: p.userId,
          createdAt: now(),
        })
        .returning({ id: appointmentSeries.id });
      seriesId = s.id;
    }
    const rows = await tx
      .insert(appointments)
      .values(
        spans.map((s) => ({
          profileId: profile.id,
          clinicianId: profile.clinicianId,
          seriesId,
          startsAt: s.startsAt,
          endsAt: s.endsAt,
          kind: input.kind,
          telehealthUrl: input.kind === "telehealth" ? input.telehealthUrl || null : null,
          location: input.location || null,
          cptCode: input.cptCode || null,
          status: "scheduled" as const,
          createdById: p.userId,
          createdAt: now(),
          updatedAt: now(),
        })),
      )
      .returning({ id: appointments.id });
    await audit(
      {
        action: "appointment.created",
        actor: p,
        profileId: profile.id,
        targetType: seriesId ? "appointment_series" : "appointment",
        targetId: seriesId ?? rows[0].id,
        detail: { occurrences: rows.length },
      },
      tx,
    );
    return { ids: rows.map((r) => r.id) };
  });
}

/** One appointment of the staff member's reach, locked for a change. */
async function lockForStaff(p: StaffPrincipal, id: string, tx: DbOrTx): Promise<Appointment> {
  assertStaff(p);
  if (!isUuid(id)) throw new NotFoundError();
  const [row] = await tx
    .select({ a: appointments })
    .from(appointments)
    .innerJoin(clientProfiles, eq(clientProfiles.id, appointments.profileId))
    .where(inProfileScope(p, eq(appointments.id, id)))
    .for("update", { of: appointments });
  if (!row) throw new NotFoundError();
  return row.a;
}

/** Moves or edits one appointment (staff): new day, time, length, kind, link, location or planned service. */
export async function updateAppointment(p: StaffPrincipal, input: AppointmentUpdate): Promise<void> {
  await db.transaction(async (tx) => {
    const a = await lockForStaff(p, input.id, tx);
    if (a.status !== "scheduled") throw new ConflictError("Only a scheduled appointment can be changed.");
    const { timeZone } = await getPracticeSettings(tx);
    const startsAt = instantInZone(input.day, input.time, timeZone);
    const endsAt = new Date(startsAt.getTime() + input.durationMinutes * 60_000);
    await lockClinician(tx, a.clinicianId);
    await assertNoOverlap(tx, a.clinicianId, [{ startsAt, endsAt }], a.id);
    const moved = startsAt.getTime() !== a.startsAt.getTime();
    await tx
      .update(appointments)
      .set({
        startsAt,
        endsAt,
        kind: input.kind,
        telehealthUrl: input.kind === "telehealth" ? input.telehealthUrl || null : null,
        location: input.location || null,
        cptCode: input.cptCode || null,
        // A moved appointment gets its own reminder for the new time.
        ...(moved ? { reminderQueuedAt: null } : {}),
        updatedAt: now(),
      })
      .where(eq(appointments.id, a.id));
    await audit(
      {
        action: "appointment.updated",
        actor: p,
        profileId: a.profileId,
        targetType: "appointment",
        targetId: a.id,
        detail: { moved },
      },
      tx,
    );
  });
}

/**
 * Staff mark what happened: canceled (frees the time), late cancellation, no-show, or completed. A completed
 * appointment offers "Record service".
 */
export async function markAppointment(
  p: StaffPrincipal,
  id: string,
  status: "cancelled" | "late_cancelled" | "no_show" | "completed",
): Promise<void> {
  await db.transaction(async (tx) => {
    const a = await lockForStaff(p, id, tx);
    if (a.status !== "scheduled" && !(a.status === "completed" && status !== "completed"))
      throw new ConflictError("This appointment can no longer be changed.");
    if ((status === "completed" || status === "no_show") && a.startsAt.getTime() > now().getTime())
      throw new ConflictError("An appointment can be marked completed or no-show once it has started.");
    const cancelled = status === "cancelled" || status === "late_cancelled";
    await tx
      .update(appointments)
      .set({
        status,
        ...(cancelled ? { cancelledAt: now(), cancelledById: p.userId } : {}),
        updatedAt: now(),
      })
      .where(eq(appointments.id, a.id));
    await audit(
      {
        action: status === "cancelled" ? "appointment.cancelled" : "appointment.marked",
        actor: p,
        profileId: a.profileId,
        targetType: "appointment",
        targetId: a.id,
        detail: { status },
      },
      tx,
    );
  });
}

/** Accepts or declines a client's request; the client's users are emailed the outcome (date and time only). */
export async function answerRequest(p: StaffPrincipal, id: string, accept: boolean): Promise<void> {
  await db.transaction(async (tx) => {
    const a = await lockForStaff(p, id, tx);
    if (a.status !== "requested") throw new ConflictError("This request was already answered.");
    await tx
      .update(appointments)
      .set({ status: accept ? "scheduled" : "declined", updatedAt: now() })
      .where(eq(appointments.id, a.id));
    const { timeZone } = await getPracticeSettings(tx);
    for (const u of await recipientsOf(tx, a.profileId))
      await enqueueEmail(tx, {
        to: u.email,
        template: accept ? "appointment-accepted" : "appointment-declined",
        props: { url: appUrl("/portal/appointments"), when: formatDateTime(a.startsAt, timeZone) },
        userId: u.id,
      });
    await audit(
      {
        action: accept ? "appointment.accepted" : "appointment.declined",
        actor: p,
        profileId: a.profileId,
        targetType: "appointment",
        targetId: a.id,
      },
      tx,
    );
  });
}

export type StaffAppointmentRow = Appointment & { profileName: string };

function staffRows(p: StaffPrincipal) {
  return db
    .select({ a: appointments, profileName: clientProfiles.legalName })
    .from(appointments)
    .innerJoin(clientProfiles, eq(clientProfiles.id, appointments.profileId))
    .$dynamic()
    .where(inProfileScope(p));
}

/**
 * The week view (staff): a clinician's own appointments from Monday `weekStart` for 7 days, plus requests
 * waiting for an answer. An admin may look at any clinician's week.
 */
export async function listWeek(
  p: StaffPrincipal,
  weekStart: string,
  clinicianId: string = p.userId,
): Promise<{ appointments: StaffAppointmentRow[]; requests: StaffAppointmentRow[] }> {
  assertStaff(p);
  if (p.role !== "admin" && clinicianId !== p.userId) throw new NotFoundError();
  const { timeZone } = await getPracticeSettings();
  const from = instantInZone(weekStart, "00:00", timeZone);
  const to = instantInZone(addDays(weekStart, 7), "00:00", timeZone);
  const rows = await db
    .select({ a: appointments, profileName: clientProfiles.legalName })
    .from(appointments)
    .innerJoin(clientProfiles, eq(clientProfiles.id, appointments.profileId))
    .where(
      inProfileScope(
        p,
        eq(appointments.clinicianId, clinicianId),
        gte(appointments.startsAt, from),
        lt(appointments.startsAt, to),
        sql`${appointments.status} <> 'declined'`,
      ),
    )
    .orderBy(asc(appointments.startsAt));
  const requests = await db
    .select({ a: appointments, profileName: clientProfiles.legalName })
    .from(appointments)
    .innerJoin(clientProfiles, eq(clientProfiles.id, appointments.profileId))
    .where(
      inProfileScope(
        p,
        eq(appointments.clinicianId, clinicianId),
        eq(appointments.status, "requested"),
        gt(appointments.startsAt, now()),
      ),
    )
    .orderBy(asc(appointments.startsAt));
  await audit({
    action: "appointment.calendar_view",
    actor: p,
    targetType: "calendar",
    targetId: clinicianId,
    detail: { weekStart, shown: rows.length },
  });
  const flat = (r: { a: Appointment; profileName: string }) => ({ ...r.a, profileName: r.profileName });
  return { appointments: rows.map(flat), requests: requests.map(flat) };
}

/** A profile's appointments for its client page (staff), newest first. */
export async function listProfileAppointments(p: StaffPrincipal, profileId: string): Promise<StaffAppointmentRow[]> {
  assertStaff(p);
  const profile = await findProfile(p, profileId);
  const rows = await staffRows(p)
    .where(inProfileScope(p, eq(appointments.profileId, profile.id), sql`${appointments.status} <> 'declined'`))
    .orderBy(desc(appointments.startsAt));
  await audit({
    action: "appointment.list",
    actor: p,
    profileId: profile.id,
    targetType: "client_profile",
    targetId: profile.id,
  });
  return rows.map((r) => ({ ...r.a, profileName: r.profileName }));
}

/** One appointment for staff (the edit and "Record service" forms). */
export async function getAppointmentForStaff(p: StaffPrincipal, id: string): Promise<StaffAppointmentRow> {
  assertStaff(p);
  if (!isUuid(id)) throw new NotFoundError();
  const [row] = await staffRows(p)
    .where(inProfileScope(p, eq(appointments.id, id)))
    .limit(1);
  if (!row) throw new NotFoundError();
  return { ...row.a, profileName: row.profileName };
}

// ---------------------------------------------------------------------------------------------------------------
// The portal
// ---------------------------------------------------------------------------------------------------------------

export type PortalAppointment = {
  id: string;
  startsAt: Date;
  endsAt: Date;
  kind: "office" | "telehealth";
  location: string | null;
  status: AppointmentStatus;
  clinicianName: string | null;
  /** Only from the practice's set minutes before the start until the end; null otherwise. */
  telehealthUrl: string | null;
  /** A telehealth session whose link is not shown yet. */
  linkLater: boolean;
  canCancel: boolean;
};

export type PortalAppointments = {
  upcoming: PortalAppointment[];
  past: PortalAppointment[];
  policy: string;
  windowHours: number;
  linkMinutes: number;
};

/** The active profile's appointments (client), upcoming first by time, past newest first. */
export async function listMyAppointments(p: ClientPrincipal): Promise<PortalAppointments> {
  assertClient(p);
  const profile = await requireActiveProfile(p);
  const settings = await getPracticeSettings();
  const t = now();
  const rows = await db
    .select({ a: appointments, clinicianName: users.name })
    .from(appointments)
    .innerJoin(users, eq(users.id, appointments.clinicianId))
    .where(and(eq(appointments.profileId, profile.id), sql`${appointments.status} <> 'declined'`))
    .orderBy(asc(appointments.startsAt));
  await audit({
    action: "appointment.list",
    actor: p,
    profileId: profile.id,
    targetType: "client_profile",
    targetId: profile.id,
  });
  const view = (r: { a: Appointment; clinicianName: string | null }): PortalAppointment => {
    const visible =
      r.a.status === "scheduled" &&
      r.a.kind === "telehealth" &&
      telehealthLinkVisible(r.a, t, settings.telehealthLinkMinutes);
    return {
      id: r.a.id,
      startsAt: r.a.startsAt,
      endsAt: r.a.endsAt,
      kind: r.a.kind,
      location: r.a.location,
      status: r.a.status,
      clinicianName: r.clinicianName,
      telehealthUrl: visible ? r.a.telehealthUrl : null,
      linkLater: r.a.kind === "telehealth" && r.a.status === "scheduled" && !visible && r.a.endsAt > t,
      canCancel: LIVE.includes(r.a.status) && canClientCancel(r.a.startsAt, t, settings.cancellationWindowHours),
    };
  };
  const all = rows.map(view);
  return {
    upcoming: all.filter((a) => a.endsAt > t && a.status !== "cancelled" && a.status !== "late_cancelled"),
    past: all.filter((a) => !(a.endsAt > t && a.status !== "cancelled" && a.status !== "late_cancelled")).reverse(),
    policy: settings.cancellationPolicy || defaultCancellationPolicy(settings.cancellationWindowHours),
    windowHours: settings.cancellationWindowHours,
    linkMinutes: settings.telehealthLinkMinutes,
  };
}

/** The active profile's appointment, or NotFoundError. */
async function lockMine(p: ClientPrincipal, id: string, tx: DbOrTx): Promise<Appointment> {
  assertClient(p);
  const profile = await requireActiveProfile(p, tx);
  if (!isUuid(id)) throw new NotFoundError();
  const [a] = await tx
    .select()
    .from(appointments)
    .where(and(eq(appointments.id, id), eq(appointments.profileId, profile.id)))
    .for("update");
  if (!a) throw new NotFoundError();
  return a;
}

/**
 * A client cancels: allowed until the practice's window before the start; later, refused with the policy (the
 * page says to call the office). The time is freed at once.
 */
export async function cancelMyAppointment(p: ClientPrincipal, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const a = await lockMine(p, id, tx);
    if (!LIVE.includes(a.status)) throw new ConflictError("This appointment is not booked anymore.");
    const settings = await getPracticeSettings(tx);
    if (!canClientCancel(a.startsAt, now(), settings.cancellationWindowHours))
      throw new ConflictError(
        `${settings.cancellationPolicy || defaultCancellationPolicy(settings.cancellationWindowHours)} To cancel now, please call the office${settings.phone ? ` at ${settings.phone}` : ""}.`,
      );
    await tx
      .update(appointments)
      .set({ status: "cancelled", cancelledAt: now(), cancelledById: p.userId, updatedAt: now() })
      .where(eq(appointments.id, a.id));
    await audit(
      { action: "appointment.cancelled", actor: p, profileId: a.profileId, targetType: "appointment", targetId: a.id },
      tx,
    );
  });
}

/** Open slots the active profile's clinician offers from today for `days` days. */
export async function slotsForMe(p: ClientPrincipal, days = 14): Promise<Date[]> {
  assertClient(p);
  const profile = await requireActiveProfile(p);
  return openSlotsFor(db, profile.clinicianId, days);
}

/**
 * A client asks for an open slot. It must be one the clinician offers right now; the request holds the time until
 * the clinician answers. Of two requests for one slot at once exactly one is kept: both wait on the clinician's
 * lock, the second then no longer finds the slot open, and the unique index on live slots backs this up.
 */
export async function requestAppointment(
  p: ClientPrincipal,
  input: { startsAt: string; kind: "office" | "telehealth" },
): Promise<{ id: string }> {
  assertClient(p);
  const taken = () => new ConflictError("That time is no longer available. Please choose another one.");
  try {
    return await db.transaction(async (tx) => {
      const profile = await requireActiveProfile(p, tx);
      const wanted = new Date(input.startsAt);
      await lockClinician(tx, profile.clinicianId);
      const open = await openSlotsFor(tx, profile.clinicianId, 60);
      const slot = open.find((s) => s.getTime() === wanted.getTime());
      if (!slot) throw taken();
      const { slotMinutes } = await scheduleFor(tx, profile.clinicianId);
      const [row] = await tx
        .insert(appointments)
        .values({
          profileId: profile.id,
          clinicianId: profile.clinicianId,
          startsAt: slot,
          endsAt: new Date(slot.getTime() + slotMinutes * 60_000),
          kind: input.kind,
          status: "requested",
          requestedById: p.userId,
          createdById: p.userId,
          createdAt: now(),
          updatedAt: now(),
        })
        .returning({ id: appointments.id });
      const [clinician] = await tx
        .select({ id: users.id, email: users.email })
        .from(users)
        .where(eq(users.id, profile.clinicianId));
      if (clinician)
        await enqueueEmail(tx, {
          to: clinician.email,
          template: "appointment-requested",
          props: { url: appUrl("/dashboard/calendar") },
          userId: clinician.id,
        });
      await audit(
        {
          action: "appointment.requested",
          actor: p,
          profileId: profile.id,
          targetType: "appointment",
          targetId: row.id,
        },
        tx,
      );
      return { id: row.id };
    });
  } catch (e) {
    if (slotTaken(e)) throw taken();
    throw e;
  }
}

/** The appointment as a calendar file's fields (client: the active profile's; audited). */
export async function appointmentForCalendar(p: Principal, id: string) {
  if (!isUuid(id)) throw new NotFoundError();
  let a: Appointment | undefined;
  if (p.role === "client") {
    const profile = await requireActiveProfile(p);
    [a] = await db
      .select()
      .from(appointments)
      .where(and(eq(appointments.id, id), eq(appointments.profileId, profile.id)));
  } else {
    assertStaff(p);
    [a] = (await staffRows(p).where(inProfileScope(p, eq(appointments.id, id)))).map((r) => r.a);
  }
  if (!a || a.status !== "scheduled") throw new NotFoundError();
  const settings = await getPracticeSettings();
  await audit({
    action: "appointment.ics_download",
    actor: p,
    profileId: a.profileId,
    targetType: "appointment",
    targetId: a.id,
  });
  return {
    appointment: a,
    practiceName: settings.name,
    practiceAddress: [settings.addressLine1, settings.city, settings.state].filter(Boolean).join(", "),
  };
}

/**
 * What "Record service" starts with for a completed appointment: its date (practice zone), planned CPT and the
 * place of service for its kind (11 office, 10 telehealth at home; 02 stays a choice on the form), modifier 95
 * for telehealth. Null when the appointment is not completed.
 */
export async function serviceDraftFromAppointment(
  p: StaffPrincipal,
  id: string,
): Promise<{ dateOfService: string; cptCode: string | null; placeOfService: "10" | "11"; modifiers: string } | null> {
  const a = await getAppointmentForStaff(p, id);
  if (a.status !== "completed") return null;
  const { timeZone } = await getPracticeSettings();
  return {
    dateOfService: dayOf(a.startsAt, timeZone),
    cptCode: a.cptCode,
    placeOfService: placeOfServiceFor(a.kind),
    modifiers: a.kind === "telehealth" ? "95" : "",
  };
}
