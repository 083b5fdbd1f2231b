import { describe, expect, it } from "vitest";
import { principalFor } from "@/lib/test/auth-fixtures";
import { DEMO } from "@/lib/demo/seed";
import { NotFoundError } from "@/lib/core/errors";
import { practiceSettingsSchema } from "@/lib/practice/schemas";
import { getPracticeSettings, updatePracticeSettings } from "@/lib/practice/settings";
import { exportAuditCsv, listAuditEntries, listEmailLog } from "@/lib/dashboard/admin-logs";
import { parseAuditFilters } from "@/lib/audit/schemas";

const principal = (email: string) => principalFor(email, "test");

describe("audit log and settings", () => {
  it("a settings change is audited, filterable, and in the CSV export, which is itself audited", async () => {
    const admin = await principal(DEMO.admin);
    const before = await getPracticeSettings();
    const input = practiceSettingsSchema.parse({
      ...before,
      legalName: before.legalName ?? "",
      addressLine1: "",
      addressLine2: "",
      city: "",
      state: "",
      postalCode: "",
      phone: "",
      ein: "93-1234567",
      organizationNpi: "1234567893",
      clientMessaging: before.clientMessaging ? "on" : "off",
      cancellationPolicy: before.cancellationPolicy ?? "",
      logo: "",
    });
    await updatePracticeSettings(admin, input);
    expect((await getPracticeSettings()).organizationNpi).toBe("1234567893");

    const { rows } = await listAuditEntries(admin, parseAuditFilters({ action: "settings.update", user: DEMO.admin }));
    expect(rows[0].detail).toMatchObject({ changed: expect.arrayContaining(["organizationNpi"]) });
    expect(
      (await listAuditEntries(admin, parseAuditFilters({ action: "settings.update", user: DEMO.ana }))).rows,
    ).toEqual([]);
    expect(
      (await listAuditEntries(admin, parseAuditFilters({ action: "settings", from: "2000-01-01", to: "2000-01-02" })))
        .rows,
    ).toEqual([]);

    const { csv } = await exportAuditCsv(admin, parseAuditFilters({ action: "settings.update" }));
    const lines = csv.trim().split("\r\n");
    expect(lines[0]).toMatch(/^id,time_utc,action,description,actor_email/);
    expect(
      lines.some((l) => l.includes("settings.update") && l.includes(DEMO.admin) && l.includes("organizationNpi")),
    ).toBe(true);
    const exports = await listAuditEntries(admin, parseAuditFilters({ action: "audit.export" }));
    expect(exports.rows.length).toBeGreaterThan(0);
  });

  it("is for the admin only", async () => {
    const ana = await principal(DEMO.ana);
    await expect(listAuditEntries(ana, parseAuditFilters({}))).rejects.toBeInstanceOf(NotFoundError);
    await expect(exportAuditCsv(ana, parseAuditFilters({}))).rejects.toBeInstanceOf(NotFoundError);
    await expect(listEmailLog(ana, {})).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      updatePracticeSettings(
        ana,
        practiceSettingsSchema.parse({
          name: "X",
          legalName: "",
          addressLine1: "",
          addressLine2: "",
          city: "",
          state: "",
          postalCode: "",
          phone: "",
          timeZone: "UTC",
          ein: "",
          organizationNpi: "",
          uploadLimitMb: "5",
          cancellationWindowHours: "24",
          cancellationPolicy: "",
          reminderLeadHours: "24",
          telehealthLinkMinutes: "15",
        }),
      ),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});
