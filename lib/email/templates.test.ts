import { describe, expect, it } from "vitest";
import { renderEmail } from "./templates";

const common = { practiceName: "Riverbend Counseling", practicePhone: "(555) 010-2030" };

describe("welcome email wording", () => {
  it("invites a client to the client portal", async () => {
    const m = await renderEmail("welcome", { ...common, url: "http://localhost/x", clinicianName: "Ana Rivera" });
    expect(m.subject).toBe("Welcome to the Riverbend Counseling client portal");
    expect(m.text).toContain("I'm an Existing Client");
  });

  it("invites staff to the practice dashboard, not the client portal", async () => {
    const m = await renderEmail("welcome", { ...common, url: "http://localhost/x", clinicianName: "Riverbend Admin", audience: "staff" });
    expect(m.subject).toBe("Welcome to the Riverbend Counseling team on Haven");
    expect(m.text).toContain("practice dashboard");
    expect(m.text).not.toContain("client portal,");
  });
});
