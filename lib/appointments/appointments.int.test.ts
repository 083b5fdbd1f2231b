import { afterEach, beforeAll, describe, expect, it } from "vitest";
import ICAL from "ical.js";
import { and, eq, inArray } from "drizzle-orm";
import { closeDb, db, dbKind, getDb } from "@/db";
import { appointments, auditLog, emailOutbox, formResponses } from "@/db/schema";
import { DEMO } from "@/lib/demo/seed";
import { ConflictError, NotFoundError } from "@/lib/core/errors";
import { HOUR, MINUTE } from "@/lib/core/clock";
import { instantInZone, timeInZone } from "@/lib/core/time";
import { listProfileResponses } from "@/lib/forms/responses";
import { libraryTemplateId, makeClient, principalFor, type TestPrincipal } from "@/lib/test/auth-fixtures";
import { restoreClock, setNow } from "@/lib/test/clock";
import { withRenderedBodies } from "@/lib/test/outbox";
import {
  answerRequest,
  appointmentForCalendar,
  cancelMyAppointment,
  createAppointments,
  listMyAppointments,
  listProfileAppointments,
  listWeek,
  markAppointment,
  requestAppointment,
  slotsForMe,
  updateAppointment,
} from "./appointments";
import { saveMyAvailability } from "./availability";
import { addFormRule } from "./form-rules";
import { appointmentIcs } from "./ics";
import { queueDueReminders, sendDueVisitForms } from "./jobs";

const LA = "America/Los_Angeles"; // the demo practice's zone
const P = DEMO.profiles;
let ana: TestPrincipal, sam: TestPrincipal, jordan: TestPrincipal, casey: TestPrincipal, alex: TestPrincipal;

beforeAll(async () => {
  ana = await principalFor(DEMO.ana);
  sam = await principalFor(DEMO.sam);
  jordan = await principalFor(DEMO.jordan, "no-session", P.jordan);
  casey = await principalFor(DEMO.casey, "no-session", P.jordanCasey);
  alex = await principalFor(DEMO.alex, "no-session", P.alex);
});
afterEach(() => restoreClock());

const base = {
  kind: "office" as const,
  telehealthUrl: "",
  location: "Suite 200",
  cptCode: "90834",
  durationMinutes: 50,
};

async function outboxTo(email: string, template: string) {
  return db
    .select()
    .from(emailOutbox)
    .where(and(eq(emailOutbox.to, email), eq(emailOutbox.template, template)));
}

describe("a weekly series across the November daylight-saving change", () => {
  it("shows every occurrence at 10:00 in the portal and in the calendar file", async () => {
    setNow("2026-10-01T12:00:00Z");
    const { ids } = await createAppointments(ana, {
      ...base,
      profileId: P.jordan,
      day: "2026-10-20",
      time: "10:00",
      repeat: "weekly",
      occurrences: 4,
    });
    expect(ids).toHaveLength(4);
    const mine = await listMyAppointments(jordan);
    const series = mine.upcoming.filter((a) => ids.includes(a.id));
    expect(series.map((a) => timeInZone(a.startsAt, LA))).toEqual(["10:00", "10:00", "10:00", "10:00"]);
    // The UTC hour moves from 17 to 18 when Los Angeles leaves daylight time on Nov 1.
    expect(series.map((a) => a.startsAt.getUTCHours())).toEqual([17, 17, 18, 18]);
    for (const id of ids) {
      const c = await appointmentForCalendar(jordan, id);
      const text = appointmentIcs({ ...c.appointment, ...c, portalUrl: "http://localhost/portal/appointments" });
      const ev = new ICAL.Event(new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent("vevent")!);
      expect(timeInZone(ev.startDate.toJSDate(), LA)).toBe("10:00");
    }
    // Another clinician's staff cannot see them, nor another client.
    await expect(listProfileAppointments(sam, P.jordan)).rejects.toBeInstanceOf(NotFoundError);
    await expect(appointmentForCalendar(alex, ids[0])).rejects.toBeInstanceOf(NotFoundError);
    // Every view is audited.
    const views = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "appointment.ics_download"), eq(auditLog.profileId, P.jordan)));
    expect(views.length).toBeGreaterThanOrEqual(4);
    // An overlapping booking is refused.
    await expect(
      createAppointments(ana, {
        ...base,
        profileId: P.pat,
        day: "2026-10-27",
        time: "10:30",
        repeat: "none",
        occurrences: 1,
      }),
    ).rejects.toBeInstanceOf(ConflictError);
  });
});

describe("requests", () => {
  it("offers open slots, never a taken one; Ana accepts; both see it; the client is emailed the outcome", async () => {
    setNow("2026-12-01T16:00:00Z"); // Tue Dec 1, 8:00 in Los Angeles
    await saveMyAvailability(ana, {
      slotMinutes: 50,
      bufferMinutes: 10,
      hours: [{ weekday: 3, startTime: "09:00", endTime: "12:00" }], // Wednesdays
      daysOff: ["2026-12-09"],
    });
    const slots = await slotsForMe(jordan, 14);
    expect(slots.map((s) => s.toISOString())).toEqual([
      "2026-12-02T17:00:00.000Z",
      "2026-12-02T18:00:00.000Z",
      "2026-12-02T19:00:00.000Z",
      // Dec 9 is a day off
    ]);
    const { id } = await requestAppointment(jordan, { startsAt: slots[1].toISOString(), kind: "telehealth" });
    expect((await outboxTo(DEMO.ana, "appointment-requested")).length).toBe(1);
    // The requested slot is held: nobody is offered it.
    const slotsAfter = await slotsForMe(casey, 14);
    expect(slotsAfter.map((s) => s.toISOString())).not.toContain(slots[1].toISOString());
    await expect(
      requestAppointment(casey, { startsAt: slots[1].toISOString(), kind: "office" }),
    ).rejects.toBeInstanceOf(ConflictError);
    const week = await listWeek(ana, "2026-11-30");
    expect(week.requests.map((r) => r.id)).toContain(id);
    await answerRequest(ana, id, true);
    expect((await listWeek(ana, "2026-11-30")).appointments.find((a) => a.id === id)?.status).toBe("scheduled");
    expect((await listMyAppointments(jordan)).upcoming.find((a) => a.id === id)?.status).toBe("scheduled");
    const [mail] = await withRenderedBodies(await outboxTo(DEMO.jordan, "appointment-accepted"));
    expect(mail.text).toContain("Dec 2, 2026, 10:00 AM PST");
    expect(mail.text).not.toMatch(/Jordan|Ana|telehealth/i);
    // A second answer is refused; another clinician cannot answer.
    await expect(answerRequest(ana, id, false)).rejects.toBeInstanceOf(ConflictError);
    await expect(answerRequest(sam, id, true)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("of two clients requesting one slot at once, exactly one gets it", async () => {
    setNow("2026-12-01T16:00:00Z");
    const a = await makeClient("race-a");
    const b = await makeClient("race-b");
    const pa = await principalFor(a.user.email, "s", a.profile.id);
    const pb = await principalFor(b.user.email, "s", b.profile.id);
    const [slot] = await slotsForMe(pa, 14);
    const results = await Promise.allSettled([
      requestAppointment(pa, { startsAt: slot.toISOString(), kind: "office" }),
      requestAppointment(pb, { startsAt: slot.toISOString(), kind: "office" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const lost = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(lost.reason).toBeInstanceOf(ConflictError);
    const live = await db
      .select()
      .from(appointments)
      .where(and(eq(appointments.startsAt, slot), inArray(appointments.status, ["requested", "scheduled"])));
    expect(live).toHaveLength(1);
  });

  it("the database itself refuses a second live appointment at the same start", async () => {
    const [one] = await db.select().from(appointments).where(eq(appointments.status, "scheduled")).limit(1);
    await expect(
      db.insert(appointments).values({ ...one, id: undefined, createdAt: undefined, updatedAt: undefined }),
    ).rejects.toThrow(/appointments_live_slot_uq/);
  });
});

describe("cancelling", () => {
  it("inside the window is refused with the policy; outside it works and frees the slot", async () => {
    setNow("2026-12-01T16:00:00Z");
    const [slot] = await slotsForMe(alex, 14); // Sam has no hours: nothing to request
    expect(slot).toBeUndefined();
    const { ids } = await createAppointments(ana, {
      ...base,
      profileId: P.jordanCasey,
      day: "2026-12-16",
      time: "09:00",
      repeat: "none",
      occurrences: 1,
    });
    const at = instantInZone("2026-12-16", "09:00", LA);
    // 23 hours before: refused, with the policy text.
    setNow(new Date(at.getTime() - 23 * HOUR));
    expect((await listMyAppointments(casey)).upcoming.find((a) => a.id === ids[0])?.canCancel).toBe(false);
    await expect(cancelMyAppointment(casey, ids[0])).rejects.toThrow(/up to 24 hours before.*call the office/);
    // 25 hours before: the partner can cancel, and the 09:00 Wednesday slot is offered again.
    setNow(new Date(at.getTime() - 25 * HOUR));
    expect((await slotsForMe(jordan, 3)).map((s) => s.getTime())).not.toContain(at.getTime());
    await cancelMyAppointment(casey, ids[0]);
    expect((await slotsForMe(jordan, 3)).map((s) => s.getTime())).toContain(at.getTime());
    // Jordan (the other partner) sees it as cancelled, in the past list.
    const jordanInCouple = await principalFor(DEMO.jordan, "s", P.jordanCasey);
    expect((await listMyAppointments(jordanInCouple)).past.find((a) => a.id === ids[0])?.status).toBe("cancelled");
    // A client of another profile cannot touch it.
    await expect(cancelMyAppointment(jordan, ids[0])).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("reminders", () => {
  it("go out once, 24 h before, with two servers sweeping and a restart in between; none for a cancelled one", async () => {
    const c = await makeClient("remind");
    setNow("2026-12-01T16:00:00Z");
    const { ids } = await createAppointments(ana, {
      ...base,
      kind: "telehealth",
      telehealthUrl: "https://video.example/room-secret",
      profileId: c.profile.id,
      day: "2026-12-10",
      time: "15:00",
      repeat: "weekly",
      occurrences: 2,
    });
    const first = instantInZone("2026-12-10", "15:00", LA);
    const reminders = () => outboxTo(c.user.email, "appointment-reminder");
    // 25 h before: nothing yet.
    setNow(new Date(first.getTime() - 25 * HOUR));
    await Promise.all([queueDueReminders(), queueDueReminders()]);
    expect(await reminders()).toHaveLength(0);
    // 24 h before: two servers sweep at once; one reminder.
    setNow(new Date(first.getTime() - 24 * HOUR));
    const counts = await Promise.all([queueDueReminders(), queueDueReminders(), queueDueReminders()]);
    expect(counts.reduce((x, y) => x + y, 0)).toBe(1);
    expect(await reminders()).toHaveLength(1);
    // A restart: the database connection is closed and opened again; nothing is sent twice.
    if (dbKind() === "postgres") {
      await closeDb();
      getDb();
    }
    setNow(new Date(first.getTime() - 23 * HOUR));
    await Promise.all([queueDueReminders(), queueDueReminders()]);
    const sent = await withRenderedBodies(await reminders());
    expect(sent).toHaveLength(1);
    expect(sent[0].text).toContain("Dec 10, 2026, 3:00 PM PST");
    // No PHI beyond date and time, and never the telehealth link.
    expect(sent[0].html + sent[0].text).not.toMatch(/room-secret|Test remind|Ana|90834/);
    // The second occurrence is cancelled by staff before its time: no reminder for it.
    await markAppointment(ana, ids[1], "cancelled");
    setNow(new Date(first.getTime() + 7 * 24 * HOUR - 2 * HOUR));
    await queueDueReminders();
    expect(await reminders()).toHaveLength(1);
  });
});

describe("the telehealth link", () => {
  it("is not on the page until the set time before the start", async () => {
    const c = await makeClient("tele");
    const p = await principalFor(c.user.email, "s", c.profile.id);
    setNow("2026-12-01T16:00:00Z");
    const { ids } = await createAppointments(ana, {
      ...base,
      kind: "telehealth",
      telehealthUrl: "https://video.example/room-42",
      profileId: c.profile.id,
      day: "2026-12-03",
      time: "13:00",
      repeat: "none",
      occurrences: 1,
    });
    const at = instantInZone("2026-12-03", "13:00", LA);
    setNow(new Date(at.getTime() - 16 * MINUTE));
    let a = (await listMyAppointments(p)).upcoming.find((x) => x.id === ids[0])!;
    expect(a.telehealthUrl).toBeNull();
    expect(a.linkLater).toBe(true);
    expect(JSON.stringify(await listMyAppointments(p))).not.toContain("room-42");
    setNow(new Date(at.getTime() - 15 * MINUTE));
    a = (await listMyAppointments(p)).upcoming.find((x) => x.id === ids[0])!;
    expect(a.telehealthUrl).toBe("https://video.example/room-42");
  });
});

describe("forms timed to the visit", () => {
  it("a PHQ-9 set 'before every appointment' becomes a to-do before each one, once", async () => {
    const c = await makeClient("phq");
    setNow("2026-12-01T16:00:00Z");
    await addFormRule(ana, {
      profileId: c.profile.id,
      templateId: await libraryTemplateId("phq9"),
      every: "appointment",
      leadHours: 48,
    });
    await createAppointments(ana, {
      ...base,
      profileId: c.profile.id,
      day: "2026-12-14",
      time: "16:00",
      repeat: "weekly",
      occurrences: 2,
    });
    const first = instantInZone("2026-12-14", "16:00", LA);
    const todos = async () =>
      (await listProfileResponses(ana, c.profile.id)).filter((r) => r.measure === "phq9" && r.status === "pending");
    setNow(new Date(first.getTime() - 49 * HOUR));
    await sendDueVisitForms();
    expect(await todos()).toHaveLength(0);
    setNow(new Date(first.getTime() - 47 * HOUR));
    await Promise.all([sendDueVisitForms(), sendDueVisitForms()]);
    expect(await todos()).toHaveLength(1);
    expect((await todos())[0].dueDate).toBe("2026-12-14");
    setNow(new Date(first.getTime() + 7 * 24 * HOUR - 47 * HOUR));
    await sendDueVisitForms();
    expect((await todos()).map((r) => r.dueDate).sort()).toEqual(["2026-12-14", "2026-12-21"]);
    const rows = await db.select().from(formResponses).where(eq(formResponses.profileId, c.profile.id));
    expect(rows).toHaveLength(2);
  });
});

describe("staff marks and moves", () => {
  it("moves an appointment, marks no-show only after it started, and another clinician gets 404", async () => {
    const c = await makeClient("mark");
    setNow("2026-12-01T16:00:00Z");
    const { ids } = await createAppointments(ana, {
      ...base,
      profileId: c.profile.id,
      day: "2026-12-04",
      time: "11:00",
      repeat: "none",
      occurrences: 1,
    });
    await updateAppointment(ana, { id: ids[0], ...base, day: "2026-12-04", time: "13:00" });
    expect(timeInZone((await listProfileAppointments(ana, c.profile.id))[0].startsAt, LA)).toBe("13:00");
    await expect(markAppointment(ana, ids[0], "no_show")).rejects.toBeInstanceOf(ConflictError);
    await expect(markAppointment(sam, ids[0], "cancelled")).rejects.toBeInstanceOf(NotFoundError);
    setNow(instantInZone("2026-12-04", "13:20", LA));
    await markAppointment(ana, ids[0], "no_show");
    expect((await listProfileAppointments(ana, c.profile.id))[0].status).toBe("no_show");
    const marks = await db.select().from(auditLog).where(eq(auditLog.action, "appointment.marked"));
    expect(marks.some((m) => m.targetId === ids[0])).toBe(true);
  });
});
