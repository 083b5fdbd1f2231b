import { describe, expect, it } from "vitest";
import { practiceSettingsSchema } from "./schemas";

const form = {
  name: "Riverbend Counseling",
  legalName: "",
  addressLine1: "",
  addressLine2: "",
  city: "",
  state: "",
  postalCode: "",
  phone: "",
  timeZone: "America/Los_Angeles",
  ein: "",
  organizationNpi: "",
  uploadLimitMb: "25",
  cancellationWindowHours: "48",
  cancellationPolicy: "  Please give us two days' notice.  ",
  reminderLeadHours: "24",
  telehealthLinkMinutes: "10",
};

describe("practice settings: appointments", () => {
  it("saves the window, policy, reminder lead and video-link time as typed", () => {
    const d = practiceSettingsSchema.parse(form);
    expect(d).toMatchObject({
      cancellationWindowHours: 48,
      cancellationPolicy: "Please give us two days' notice.",
      reminderLeadHours: 24,
      telehealthLinkMinutes: 10,
    });
  });

  it("a blank policy means the default sentence", () => {
    expect(practiceSettingsSchema.parse({ ...form, cancellationPolicy: "" }).cancellationPolicy).toBeNull();
  });

  it("says at the field what is wrong", () => {
    const r = practiceSettingsSchema.safeParse({
      ...form,
      cancellationWindowHours: "200",
      reminderLeadHours: "0",
      telehealthLinkMinutes: "2.5",
    });
    expect(r.success).toBe(false);
    const fields = r.error!.flatten().fieldErrors;
    expect(fields.cancellationWindowHours).toEqual(["At most 168 hours."]);
    expect(fields.reminderLeadHours).toEqual(["At least 1 hour."]);
    expect(fields.telehealthLinkMinutes).toEqual(["Use a whole number of minutes."]);
  });
});
