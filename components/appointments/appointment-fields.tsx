import { ChoiceGroup, SelectField, TextField } from "@/components/ui/form-controls";

/**
 * The fields an appointment is booked or changed with (lib/appointments/schemas.ts), inside an ActionForm. Times
 * are wall-clock times in the practice's zone.
 */
export function AppointmentFields({
  codes,
  defaults,
  timeZone,
}: {
  codes: { code: string; description: string }[];
  defaults: {
    day: string;
    time: string;
    durationMinutes: number;
    kind: "office" | "telehealth";
    telehealthUrl: string;
    location: string;
    cptCode: string;
  };
  timeZone: string;
}) {
  return (
    <>
      <TextField name="day" label="Date" type="date" defaultValue={defaults.day} />
      <TextField
        name="time"
        label="Start time"
        type="time"
        defaultValue={defaults.time}
        hint={`In the practice's time zone (${timeZone}).`}
      />
      <TextField
        name="durationMinutes"
        label="Length (minutes)"
        type="number"
        inputMode="numeric"
        defaultValue={String(defaults.durationMinutes)}
      />
      <ChoiceGroup
        name="kind"
        legend="Type"
        options={[
          { value: "office", label: "In office" },
          { value: "telehealth", label: "Telehealth (video)" },
        ]}
        defaultValue={[defaults.kind]}
      />
      <TextField
        name="telehealthUrl"
        label="Video link (telehealth)"
        type="url"
        defaultValue={defaults.telehealthUrl}
        hint="Shown to the client only shortly before the start; never emailed."
      />
      <TextField name="location" label="Location (in office)" defaultValue={defaults.location} />
      <SelectField
        name="cptCode"
        label="Planned service (CPT)"
        defaultValue={defaults.cptCode}
        options={[
          { value: "", label: "None yet" },
          ...codes.map((c) => ({ value: c.code, label: `${c.code} — ${c.description}` })),
        ]}
      />
    </>
  );
}
