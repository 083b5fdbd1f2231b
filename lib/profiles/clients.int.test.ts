import { clientForm } from "@/lib/test/client-form";
import { describe, expect, it } from "vitest";
import { principalFor } from "@/lib/test/auth-fixtures";
import { and, eq, sql } from "drizzle-orm";
import { db, execRows } from "@/db";
import { auditLog, clientProfiles, profileAccess } from "@/db/schema";
import { DEMO } from "@/lib/demo/seed";
import { NotFoundError, ValidationError } from "@/lib/core/errors";
import { clientProfileSchema, clientListQuery } from "./schemas";
import { createClient, listClients, reassignClient, setClientArchived, updateClient, viewClient } from "./clients";
import { findProfile } from "./access";
import { loadTodos } from "@/lib/dashboard/todos";

const principal = (email: string) => principalFor(email, "test");
const q = (v: Record<string, unknown> = {}) => clientListQuery.parse(v);
const form = clientForm;

describe("client profiles: isolation in the data layer", () => {
  it("a clinician lists only their own clients; the admin lists all", async () => {
    const sam = await principal(DEMO.sam);
    const ana = await principal(DEMO.ana);
    const admin = await principal(DEMO.admin);
    expect((await listClients(sam, q())).rows.map((r) => r.legalName)).toEqual(["Alex Kim"]);
    const anaNames = (await listClients(ana, q())).rows.map((r) => r.legalName);
    expect(anaNames).toEqual(expect.arrayContaining(["Jordan Lee", "Jordan & Casey Lee", "Pat Park", "Mia Park"]));
    expect(anaNames).not.toContain("Alex Kim");
    const all = (await listClients(admin, q())).rows.map((r) => r.legalName);
    expect(all).toEqual(expect.arrayContaining(["Alex Kim", "Jordan Lee", "Mia Park"]));
  });

  it("a clinician cannot view, edit, archive or reassign another clinician's client: NotFound, nothing changes", async () => {
    const sam = await principal(DEMO.sam);
    await expect(viewClient(sam, DEMO.profiles.jordan)).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      updateClient(sam, DEMO.profiles.jordan, form({ type: "individual", legalName: "Hacked" })),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(setClientArchived(sam, DEMO.profiles.jordan, true)).rejects.toBeInstanceOf(NotFoundError);
    await expect(reassignClient(sam, DEMO.profiles.jordan, sam.userId)).rejects.toBeInstanceOf(NotFoundError);
    const [row] = await db.select().from(clientProfiles).where(eq(clientProfiles.id, DEMO.profiles.jordan));
    expect(row.legalName).toBe("Jordan Lee");
    expect(row.archivedAt).toBeNull();
  });

  it("searches by name or email, escaping wildcards, within scope", async () => {
    const ana = await principal(DEMO.ana);
    const sam = await principal(DEMO.sam);
    expect((await listClients(ana, q({ q: "casey.lee@" }))).rows.map((r) => r.legalName)).toEqual([
      "Jordan & Casey Lee",
    ]);
    expect((await listClients(ana, q({ q: "park" }))).rows.map((r) => r.legalName).sort()).toEqual([
      "Mia Park",
      "Pat Park",
    ]);
    expect((await listClients(sam, q({ q: "park" }))).rows).toEqual([]);
    expect((await listClients(ana, q({ q: "%" }))).rows).toEqual([]);
  });

  it("viewing a client page is audited as profile.view", async () => {
    const ana = await principal(DEMO.ana);
    const d = await viewClient(ana, DEMO.profiles.mia);
    expect(d.users.map((u) => `${u.email}:${u.relationship}`)).toEqual([`${DEMO.pat}:guardian`]);
    const rows = await db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.action, "profile.view"),
          eq(auditLog.profileId, DEMO.profiles.mia),
          eq(auditLog.actorUserId, ana.userId),
        ),
      );
    expect(rows.length).toBeGreaterThan(0);
  });
});

describe("client profiles: create, edit, archive, reassign", () => {
  it("creates a minor for the clinician themselves, reusing an existing user by email", async () => {
    const ana = await principal(DEMO.ana);
    const sam = await principal(DEMO.sam);
    const { id } = await createClient(
      ana,
      form({
        type: "minor",
        legalName: "Leo Park Int",
        dateOfBirth: "2016-02-03",
        diagnosisCodes: "f411",
        clinicianId: sam.userId,
        users: [{ email: "Pat.Park@example.com", relationship: "guardian" }],
      }),
    );
    const p = await findProfile(ana, id);
    expect(p.clinicianId).toBe(ana.userId); // a clinician creates for themselves, whatever was sent
    expect(p.diagnosisCodes).toEqual(["F41.1"]);
    const [{ n }] = await execRows<{ n: number }>(sql`select count(*)::int as n from users where email = ${DEMO.pat}`);
    expect(n).toBe(1);
    const access = await db.select().from(profileAccess).where(eq(profileAccess.profileId, id));
    expect(access).toHaveLength(1);
  });

  it("refuses a minor without a guardian, a couple without two partners, and staff addresses", async () => {
    const ana = await principal(DEMO.ana);
    const minor = clientProfileSchema.safeParse({ type: "minor", legalName: "X", diagnosisCodes: "", users: [] });
    expect(minor.success).toBe(false);
    const couple = clientProfileSchema.safeParse({
      type: "couple",
      legalName: "X",
      diagnosisCodes: "",
      users: [{ email: "a@example.com", relationship: "partner" }],
    });
    expect(couple.success).toBe(false);
    await expect(
      createClient(
        ana,
        form({ type: "individual", legalName: "Staffy", users: [{ email: DEMO.sam, relationship: "self" }] }),
      ),
    ).rejects.toBeInstanceOf(ValidationError);
  });

  it("the admin must pick a clinician and can reassign (audited); archived clients leave the active list", async () => {
    const admin = await principal(DEMO.admin);
    const ana = await principal(DEMO.ana);
    const sam = await principal(DEMO.sam);
    await expect(createClient(admin, form({ type: "individual", legalName: "No Clinician" }))).rejects.toBeInstanceOf(
      ValidationError,
    );
    const { id } = await createClient(
      admin,
      form({
        type: "individual",
        legalName: "Reassign Me",
        clinicianId: ana.userId,
        users: [{ email: "reassign.me@example.com", relationship: "self" }],
      }),
    );
    expect((await listClients(ana, q({ q: "Reassign Me" }))).rows).toHaveLength(1);
    await reassignClient(admin, id, sam.userId);
    expect((await listClients(ana, q({ q: "Reassign Me" }))).rows).toHaveLength(0);
    await expect(findProfile(ana, id)).rejects.toBeInstanceOf(NotFoundError);
    expect((await listClients(sam, q({ q: "Reassign Me" }))).rows).toHaveLength(1);
    const [a] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "profile.reassign"), eq(auditLog.profileId, id)));
    expect(a.detail).toEqual({ from: ana.userId, to: sam.userId });

    await setClientArchived(sam, id, true);
    expect((await listClients(sam, q({ q: "Reassign Me" }))).rows).toHaveLength(0);
    expect((await listClients(sam, q({ q: "Reassign Me", status: "archived" }))).rows).toHaveLength(1);
    // Archived, never deleted.
    expect(await db.select().from(clientProfiles).where(eq(clientProfiles.id, id))).toHaveLength(1);
  });

  it("edits fields and syncs portal users, auditing field names only", async () => {
    const ana = await principal(DEMO.ana);
    const { id } = await createClient(
      ana,
      form({
        type: "couple",
        legalName: "Couple Int",
        users: [
          { email: "c1.int@example.com", relationship: "partner" },
          { email: "c2.int@example.com", relationship: "partner" },
        ],
      }),
    );
    await updateClient(
      ana,
      id,
      form({
        type: "couple",
        legalName: "Couple Int",
        phone: "(555) 123-4567",
        users: [
          { email: "c1.int@example.com", relationship: "partner" },
          { email: "c3.int@example.com", relationship: "partner" },
        ],
      }),
    );
    const d = await viewClient(ana, id);
    expect(d.profile.phone).toBe("(555) 123-4567");
    expect(d.users.map((u) => u.email).sort()).toEqual(["c1.int@example.com", "c3.int@example.com"]);
    const [a] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "profile.update"), eq(auditLog.profileId, id)));
    expect(a.detail).toEqual({ changed: ["phone"], usersAdded: 1, usersRemoved: 1 });
  });

  it("the to-do counts are scoped to the clinician", async () => {
    const sam = await principal(DEMO.sam);
    const samTodos = await loadTodos(sam);
    const notInvited = samTodos.find((t) => t.key === "portal.not-invited")!;
    const [{ n }] = await execRows<{ n: number }>(sql`
      select count(distinct u.id)::int as n from profile_access a join client_profiles p on p.id = a.profile_id join users u on u.id = a.user_id
      where p.clinician_id = ${sam.userId} and p.archived_at is null and u.invited_at is null and u.last_sign_in_at is null and u.active`);
    expect(notInvited.count).toBe(n);
  });
});
