import { describe, expect, it } from "vitest";
import { emailSubject, parseTemplateProps, renderEmail, type TemplateName } from "./templates";

const common = { practiceName: "Riverbend Counseling", practicePhone: "(555) 010-2030" };

describe("welcome email wording", () => {
  it("invites a client to the client portal", async () => {
    const m = await renderEmail("welcome", { ...common, url: "http://localhost/x", clinicianName: "Ana Rivera" });
    expect(m.subject).toBe("Welcome to the Riverbend Counseling client portal");
    expect(m.text).toContain("I'm an Existing Client");
  });

  it("invites staff to the practice dashboard, not the client portal", async () => {
    const m = await renderEmail("welcome", {
      ...common,
      url: "http://localhost/x",
      clinicianName: "Riverbend Admin",
      audience: "staff",
    });
    expect(m.subject).toBe("Welcome to the Riverbend Counseling team on Haven");
    expect(m.text).toContain("practice dashboard");
    expect(m.text).not.toContain("client portal,");
  });
});

describe("stored props are checked against the template's schema", () => {
  it("accepts a template's own props and refuses extra fields, other URL schemes and missing fields, naming only the fields", () => {
    expect(
      parseTemplateProps("sign-in-link", { ...common, url: "https://portal.example/sign-in/confirm?token=abc" }),
    ).toEqual({ ...common, url: "https://portal.example/sign-in/confirm?token=abc" });
    const secret = "https://portal.example/sign-in/confirm?token=live-secret";
    const attempts: [TemplateName, unknown][] = [
      ["sign-in-link", { ...common, url: secret, clientName: "Jordan Lee" }],
      ["sign-in-link", { ...common, url: "javascript:alert(1)//live-secret" }],
      ["welcome", { ...common, url: secret }],
    ];
    for (const [template, props] of attempts) {
      let message = "";
      try {
        parseTemplateProps(template, props);
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message).toMatch(new RegExp(`^invalid props for email template ${template}: `));
      expect(message).not.toContain("live-secret");
      expect(message).not.toContain("Jordan");
    }
  });

  it("gives the same subject without rendering as the rendered email has", async () => {
    const props = { ...common, url: "http://localhost/x", clinicianName: "Ana Rivera", audience: "staff" as const };
    expect(emailSubject("welcome", props)).toBe((await renderEmail("welcome", props)).subject);
    expect(emailSubject("payment-receipt", { ...common, url: "http://localhost/x" })).toBe("Payment received");
  });
});

describe("forms notices", () => {
  const common = {
    practiceName: "Riverbend Counseling",
    practicePhone: "(555) 010-2030",
    url: "http://localhost/dashboard",
  };
  it("the safety alert is distinct from the ordinary notice and names only the practice", async () => {
    const alert = await renderEmail("safety-alert", common);
    expect(alert.subject).toBe("Safety alert: a client response needs your review — Riverbend Counseling");
    expect(emailSubject("safety-alert", common)).toBe(alert.subject);
    const ordinary = await renderEmail("form-submitted", common);
    expect(ordinary.subject).toBe("New form responses to review");
    expect(ordinary.text).not.toMatch(/safety/i);
  });
});
