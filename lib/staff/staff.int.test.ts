import { describe, expect, it } from "vitest";
import { principalFor } from "@/lib/test/auth-fixtures";
import { and, eq, isNull, sql } from "drizzle-orm";
import { db } from "@/db";
import { auditLog, clientProfiles, emailOutbox, users } from "@/db/schema";
import { DEMO } from "@/lib/demo/seed";
import { checkSession, createSession } from "@/lib/auth/sessions";
import { NotFoundError, ValidationError } from "@/lib/core/errors";
import { inviteClinicianSchema } from "./schemas";
import { getStaffMember, inviteClinician, listStaff, setStaffActive } from "./staff";

const principal = (email: string) => principalFor(email, "test");

describe("staff administration", () => {
  it("deactivating a clinician signs them out on their next request", async () => {
    const admin = await principal(DEMO.admin);
    const invited = await inviteClinician(
      admin,
      inviteClinicianSchema.parse({
        email: "deact.int@riverbend.example",
        name: "Dee Act",
        credentials: "LPC",
        npi: "1234567893",
        licenseNumber: "L-1",
        licenseState: "or",
      }),
    );
    // A passkey sign-in: staff sessions count only once their second factor has passed.
    const cookieA = await createSession(invited.id, "passkey", { ip: null, userAgent: null });
    const cookieB = await createSession(invited.id, "link", { ip: null, userAgent: null });
    expect((await checkSession(cookieA)).ok).toBe(true);

    const r = await setStaffActive(admin, invited.id, false);
    expect(r.sessionsEnded).toBe(2);
    expect(await checkSession(cookieA)).toEqual({ ok: false, reason: "ended" });
    expect(await checkSession(cookieB)).toEqual({ ok: false, reason: "ended" });
    // A session created afterwards (e.g. a link issued earlier) is refused too: the user is inactive.
    const cookieC = await createSession(invited.id, "link", { ip: null, userAgent: null });
    expect(await checkSession(cookieC)).toEqual({ ok: false, reason: "inactive" });
    const [a] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "staff.deactivate"), eq(auditLog.targetId, invited.id)));
    expect(a.actorUserId).toBe(admin.userId);
  });

  it("invites a clinician with a welcome email, refuses an address in use, and is admin-only", async () => {
    const admin = await principal(DEMO.admin);
    const ana = await principal(DEMO.ana);
    const { id } = await inviteClinician(
      admin,
      inviteClinicianSchema.parse({
        email: "new.clin.int@riverbend.example",
        name: "New Clin",
        credentials: "",
        npi: "",
        licenseNumber: "",
        licenseState: "",
      }),
    );
    const [u] = await db.select().from(users).where(eq(users.id, id));
    expect(u.role).toBe("clinician");
    expect(u.invitedAt).not.toBeNull();
    const mail = await db.select().from(emailOutbox).where(eq(emailOutbox.to, "new.clin.int@riverbend.example"));
    expect(mail.map((m) => m.template)).toEqual(["welcome"]);
    await expect(
      inviteClinician(
        admin,
        inviteClinicianSchema.parse({
          email: DEMO.jordan,
          name: "X",
          credentials: "",
          npi: "",
          licenseNumber: "",
          licenseState: "",
        }),
      ),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(listStaff(ana)).rejects.toBeInstanceOf(NotFoundError);
    await expect(setStaffActive(ana, id, false)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("counts each clinician's active clients, and the list and the staff page agree on status", async () => {
    const admin = await principal(DEMO.admin);
    const ana = (await listStaff(admin)).find((s) => s.email === DEMO.ana)!;
    const [{ n }] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(clientProfiles)
      .where(and(eq(clientProfiles.clinicianId, ana.id), isNull(clientProfiles.archivedAt)));
    expect(n).toBeGreaterThan(0);
    expect(ana.clients).toBe(n);

    const { id } = await inviteClinician(
      admin,
      inviteClinicianSchema.parse({
        email: "count.int@riverbend.example",
        name: "Cora Count",
        credentials: "",
        npi: "",
        licenseNumber: "",
        licenseState: "",
      }),
    );
    await db.insert(clientProfiles).values([
      { type: "individual", legalName: "Count One", clinicianId: id },
      { type: "individual", legalName: "Count Two", clinicianId: id },
      { type: "individual", legalName: "Count Gone", clinicianId: id, archivedAt: new Date() },
    ]);
    const listed = (await listStaff(admin)).find((s) => s.id === id)!;
    const page = await getStaffMember(admin, id);
    expect(listed.clients).toBe(2);
    expect(page.clients).toBe(2);
    expect(listed.status).toBe("Invited");
    expect(page.status).toBe("Invited");

    await db.update(users).set({ lastSignInAt: new Date() }).where(eq(users.id, id));
    expect((await getStaffMember(admin, id)).status).toBe("Active");
    await setStaffActive(admin, id, false);
    expect((await listStaff(admin)).find((s) => s.id === id)!.status).toBe("Deactivated");
    expect((await getStaffMember(admin, id)).status).toBe("Deactivated");
  });

  it("refuses an NPI with a wrong check digit at the field", () => {
    const r = inviteClinicianSchema.safeParse({ email: "x@riverbend.example", name: "X", npi: "1234567890" });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].path).toEqual(["npi"]);
  });
});
