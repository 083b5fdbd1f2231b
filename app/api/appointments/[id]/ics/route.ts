import { z } from "zod";
import { defineRoute } from "@/lib/auth/route";
import { uuidField } from "@/lib/core/validation";
import { appointmentForCalendar } from "@/lib/appointments/appointments";
import { appointmentIcs } from "@/lib/appointments/ics";
import { appUrl } from "@/lib/email/outbox";

export const dynamic = "force-dynamic";

/**
 * "Add to calendar": one appointment as an iCalendar file (docs/decisions.md, Appointments), for the active
 * profile's users and its clinician. Audited by appointmentForCalendar; outsiders get 404; never cached.
 */
export const GET = defineRoute(
  {
    name: "appointment calendar file",
    who: "signed-in",
    origin: "not-cross-site",
    errors: "text",
    params: z.object({ id: uuidField() }),
  },
  async ({ principal, params }) => {
    const c = await appointmentForCalendar(principal, params.id);
    const body = appointmentIcs({
      ...c.appointment,
      practiceName: c.practiceName,
      practiceAddress: c.practiceAddress,
      portalUrl: appUrl("/portal/appointments"),
    });
    return new Response(body, {
      headers: {
        "Content-Type": "text/calendar; charset=utf-8",
        "Content-Disposition": `attachment; filename="appointment.ics"`,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  },
);
