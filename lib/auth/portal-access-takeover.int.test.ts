import { beforeAll, describe, expect, it } from "vitest";
import { clientForm } from "@/lib/test/client-form";
import { and, eq } from "drizzle-orm";
import { db } from "@/db";
import { auditLog, clientProfiles, emailOutbox, pinCodes, profileAccess, users, verificationTokens } from "@/db/schema";
import { DEMO } from "@/lib/demo/seed";
import { ForbiddenError, NotFoundError } from "@/lib/core/errors";
import { clientListQuery } from "@/lib/profiles/schemas";
import { createClient, listClients, updateClient, viewClient } from "@/lib/profiles/clients";
import { listMyProfiles } from "@/lib/profiles/queries";
import { loadTodos } from "@/lib/dashboard/todos";
import { makeClient, principalFor, uniqueEmail, userByEmail } from "@/lib/test/auth-fixtures";
import { checkSession, createSession } from "./sessions";
import { verifyPin } from "./pin";
import { MANAGED_BY_ADMIN } from "@/lib/profiles/schemas";
import {
  generatePinCode,
  listPortalUsers,
  restorePortalAccess,
  revokePortalAccess,
  sendWelcomeEmail,
} from "./portal-access";

/**
 * The takeover: Sam (clinician) creates a profile whose portal user is Ana's client Jordan, then tries to hand
 * himself Jordan's login through it. Credentials follow the person (docs/decisions.md "Who manages a login").
 */
const meta = { ip: "10.9.0.1", userAgent: "vitest" };
const form = clientForm;
const individual = (legalName: string, email: string) =>
  form({ type: "individual", legalName, users: [{ email, relationship: "self" }] });

async function credentialState(userId: string, email: string) {
  const [u] = await db
    .select({ active: users.active, invitedAt: users.invitedAt })
    .from(users)
    .where(eq(users.id, userId));
  const pins = await db.select().from(pinCodes).where(eq(pinCodes.userId, userId));
  const links = await db.select().from(verificationTokens).where(eq(verificationTokens.identifier, email));
  const mails = await db.select().from(emailOutbox).where(eq(emailOutbox.to, email));
  return {
    active: u.active,
    invitedAt: u.invitedAt?.getTime() ?? null,
    pins: pins.length,
    links: links.length,
    mails: mails.length,
  };
}

let jordanId: string;
let jordanSession: string;
beforeAll(async () => {
  jordanId = (await userByEmail(DEMO.jordan)).id;
  // Jordan has used the portal: a live session and a last sign-in time the decoy listing must not reveal.
  jordanSession = await createSession(jordanId, "link", meta);
});

describe("a clinician cannot take over another clinician's client through a decoy profile", () => {
  it("creating a client with a known address answers exactly like a new address, and the listing reveals nothing", async () => {
    const sam = await principalFor(DEMO.sam);
    const fresh = await createClient(sam, individual("Fresh Decoy Control", uniqueEmail("fresh")));
    const decoy = await createClient(sam, individual("Decoy Jordan", "Jordan.Lee@Example.com"));
    expect(Object.keys(decoy).sort()).toEqual(Object.keys(fresh).sort());
    expect(decoy.id).toMatch(/^[0-9a-f-]{36}$/);

    // The existing login was reused (one email, one login), but nothing of it shows on Sam's page.
    const listing = await listPortalUsers(sam, decoy.id);
    expect(listing.users).toEqual([
      {
        userId: jordanId,
        name: null,
        email: DEMO.jordan,
        relationship: "self",
        canManage: false,
        status: "managed_by_admin",
        invitedAt: null,
        lastSignInAt: null,
      },
    ]);
    const detail = await viewClient(sam, decoy.id);
    expect(detail.users).toEqual([{ userId: jordanId, email: DEMO.jordan, relationship: "self" }]);
    expect(JSON.stringify(detail)).not.toContain("Jordan Lee");

    // With a fresh address Sam manages the login himself.
    const freshListing = await listPortalUsers(sam, fresh.id);
    expect(freshListing.users[0]).toMatchObject({ canManage: true, status: "not_invited" });
  });

  it("refuses PIN, welcome link, revoke and restore for Jordan through the decoy, changing nothing", async () => {
    const sam = await principalFor(DEMO.sam);
    const admin = await principalFor(DEMO.admin);
    const { id: decoy } = await createClient(sam, individual("Decoy Jordan 2", DEMO.jordan));
    const before = await credentialState(jordanId, DEMO.jordan);

    for (const fn of [generatePinCode, sendWelcomeEmail, revokePortalAccess]) {
      const err = await fn(sam, decoy, jordanId).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ForbiddenError);
      // The panel's own words: nothing about whose profiles, how many, or the person's name.
      expect((err as Error).message).toBe(MANAGED_BY_ADMIN);
    }
    expect(await credentialState(jordanId, DEMO.jordan)).toEqual(before);
    // Jordan's session survived the revoke attempt and Jordan still reaches both of Ana's profiles.
    expect((await checkSession(jordanSession)).ok).toBe(true);
    const mine = (await listMyProfiles({ userId: jordanId })).map((p) => p.id);
    expect(mine).toEqual(expect.arrayContaining([DEMO.profiles.jordan, DEMO.profiles.jordanCasey]));

    // Restore: the admin revokes, Sam tries to undo it through the decoy and is refused.
    await revokePortalAccess(admin, DEMO.profiles.jordan, jordanId);
    await expect(restorePortalAccess(sam, decoy, jordanId)).rejects.toBeInstanceOf(ForbiddenError);
    expect((await credentialState(jordanId, DEMO.jordan)).active).toBe(false);
    await restorePortalAccess(admin, DEMO.profiles.jordan, jordanId);

    const refused = await db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.action, "auth.credential_refused"),
          eq(auditLog.profileId, decoy),
          eq(auditLog.targetId, jordanId),
        ),
      );
    expect(refused.map((r) => (r.detail as { op: string }).op).sort()).toEqual(["pin", "restore", "revoke", "welcome"]);
  });

  it("the edit form path is the same: adding Jordan to Sam's own client gives Sam no power over Jordan", async () => {
    const sam = await principalFor(DEMO.sam);
    const { id } = await createClient(sam, individual("Edit Path Client", uniqueEmail("edit-path")));
    const res = await updateClient(
      sam,
      id,
      form({
        type: "minor",
        legalName: "Edit Path Client",
        dateOfBirth: "2015-05-05",
        users: [{ email: DEMO.jordan, relationship: "guardian" }],
      }),
    );
    expect(res).toEqual({ id });
    await expect(generatePinCode(sam, id, jordanId)).rejects.toBeInstanceOf(ForbiddenError);
    // Removing Jordan from Sam's profile touches only that access row.
    await updateClient(sam, id, form({ type: "individual", legalName: "Edit Path Client", users: [] }));
    const ana = await db.select().from(profileAccess).where(eq(profileAccess.userId, jordanId));
    expect(ana.map((a) => a.profileId)).toEqual(
      expect.arrayContaining([DEMO.profiles.jordan, DEMO.profiles.jordanCasey]),
    );
    // The audit (admin's eyes only) notes the shared login on the create/update that added it.
    const [upd] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "profile.update"), eq(auditLog.profileId, id)))
      .limit(1);
    expect(upd.detail).toMatchObject({ usersAdded: 1, sharedLogins: 1 });
  });

  it("Jordan's login still works after the attempts: the PIN the admin issues signs Jordan in", async () => {
    const admin = await principalFor(DEMO.admin);
    const pin = await generatePinCode(admin, DEMO.profiles.jordan, jordanId);
    expect(await verifyPin(DEMO.jordan, pin)).toMatchObject({ ok: true, user: { id: jordanId } });
  });

  it("the admin can send a welcome link, issue a PIN, revoke and restore Jordan's login, even through the decoy", async () => {
    const sam = await principalFor(DEMO.sam);
    const admin = await principalFor(DEMO.admin);
    const { id: decoy } = await createClient(sam, individual("Decoy Jordan 3", DEMO.jordan));
    expect((await listPortalUsers(admin, decoy)).users[0]).toMatchObject({
      canManage: true,
      name: "Jordan Lee",
      status: "active",
    });
    const before = await credentialState(jordanId, DEMO.jordan);
    await sendWelcomeEmail(admin, decoy, jordanId);
    const afterWelcome = await credentialState(jordanId, DEMO.jordan);
    expect(afterWelcome.links).toBe(1);
    expect(afterWelcome.mails).toBe(before.mails + 1);
    expect(await generatePinCode(admin, decoy, jordanId)).toMatch(/^\d{6}$/);
    const s = await createSession(jordanId, "pin", meta);
    expect((await revokePortalAccess(admin, decoy, jordanId)).sessionsEnded).toBeGreaterThanOrEqual(1);
    expect((await checkSession(s)).ok).toBe(false);
    await restorePortalAccess(admin, decoy, jordanId);
    expect((await credentialState(jordanId, DEMO.jordan)).active).toBe(true);
  });
});

describe("who manages a login: every profile, active or archived, must be the clinician's", () => {
  it("a clinician manages a login only while all its profiles are theirs", async () => {
    const sam = await principalFor(DEMO.sam);
    const ana = await principalFor(DEMO.ana);
    const email = uniqueEmail("moves");
    const { id: samProfile } = await createClient(sam, individual("Sam Only", email));
    const user = await userByEmail(email);
    expect((await generatePinCode(sam, samProfile, user.id)).length).toBe(6);
    // Ana adds the same person to a profile of hers: Sam loses the credentials, Ana cannot have them either.
    const { id: anaProfile } = await createClient(ana, individual("Ana Too", email));
    await expect(generatePinCode(sam, samProfile, user.id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(generatePinCode(ana, anaProfile, user.id)).rejects.toBeInstanceOf(ForbiddenError);
    // An archived profile still counts: archiving Ana's does not hand the login back to Sam.
    await db.update(clientProfiles).set({ archivedAt: new Date() }).where(eq(clientProfiles.id, anaProfile));
    await expect(generatePinCode(sam, samProfile, user.id)).rejects.toBeInstanceOf(ForbiddenError);
    // A user outside Sam's profile, or a profile outside his scope, stays a plain 404.
    const other = await makeClient("lc-other");
    await expect(generatePinCode(sam, samProfile, other.user.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(generatePinCode(sam, other.profile.id, other.user.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("the to-do counts and filters show a clinician only logins they manage, so they reveal no invite state", async () => {
    const sam = await principalFor(DEMO.sam);
    // An Ana client who was never invited, and Jordan (signed in): both decoyed by Sam.
    const neverInvited = await makeClient("lc-todo");
    const notInvitedBefore = (await loadTodos(sam)).find((t) => t.key === "portal.not-invited")!.count;
    const { id: d1 } = await createClient(sam, individual("Todo Decoy A", neverInvited.user.email));
    const { id: d2 } = await createClient(sam, individual("Todo Decoy B", DEMO.jordan));
    expect((await loadTodos(sam)).find((t) => t.key === "portal.not-invited")!.count).toBe(notInvitedBefore);
    const listed = (await listClients(sam, clientListQuery.parse({ todo: "not-invited" }))).rows.map((r) => r.id);
    expect(listed).not.toContain(d1);
    expect(listed).not.toContain(d2);
    // A fresh address Sam manages is counted as usual.
    const { id: d3 } = await createClient(sam, individual("Todo Fresh", uniqueEmail("lc-fresh")));
    expect((await loadTodos(sam)).find((t) => t.key === "portal.not-invited")!.count).toBe(notInvitedBefore + 1);
    expect((await listClients(sam, clientListQuery.parse({ todo: "not-invited" }))).rows.map((r) => r.id)).toContain(
      d3,
    );
  });
});
