// No "server-only": pure, unit-tested; the route handler feeds it an appointment the principal may reach.
import { createEvent } from "ics";

/**
 * An "Add to calendar" file (RFC 5545) for one appointment. Times are written in UTC ("…Z"), which every
 * conformant calendar shows in its user's zone: 10:00 Los Angeles time stays 10:00 on both sides of a
 * daylight-saving change because each occurrence's instant was fixed in the practice's zone when booked. The
 * file never holds the telehealth link (it is shown in the portal only shortly before the start) nor anything
 * clinical: the practice's name, the time and where to go.
 */
export function appointmentIcs(a: {
  id: string;
  startsAt: Date;
  endsAt: Date;
  kind: "office" | "telehealth";
  location: string | null;
  practiceName: string;
  practiceAddress: string;
  portalUrl: string;
}): string {
  const r = createEvent({
    uid: `${a.id}@haven`,
    productId: "haven/appointments",
    title: `Appointment — ${a.practiceName}`,
    start: a.startsAt.getTime(),
    startInputType: "utc",
    startOutputType: "utc",
    end: a.endsAt.getTime(),
    endInputType: "utc",
    endOutputType: "utc",
    location: a.kind === "telehealth" ? "Telehealth (video)" : a.location || a.practiceAddress || a.practiceName,
    description:
      a.kind === "telehealth"
        ? `Join the video session from the client portal shortly before the start: ${a.portalUrl}`
        : `Details in the client portal: ${a.portalUrl}`,
    status: "CONFIRMED",
  });
  if (r.error || !r.value) throw new Error("calendar file could not be built");
  return r.value;
}
