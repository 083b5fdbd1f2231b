import { describe, expect, it } from "vitest";
import { assertClient } from "@/lib/core/principal";
import { and, eq } from "drizzle-orm";
import { db } from "@/db";
import { auditLog, profileAccess } from "@/db/schema";
import { NotFoundError } from "@/lib/core/errors";
import { DEMO } from "@/lib/demo/seed";
import { switchActiveProfile, pickerFor } from "./profile-switch";
import { checkSession, createSession } from "./sessions";
import { makeClient, principalFor, sessionRow } from "@/lib/test/auth-fixtures";
import { sha256Hex } from "@/lib/core/crypto";
import { landingPathFor } from "./landing";

const meta = { ip: "10.3.0.1", userAgent: "vitest" };

async function signedIn(email: string) {
  const p = await principalFor(email);
  const sid = await createSession(p.userId, "link", meta);
  const check = await checkSession(sid);
  if (!check.ok) throw new Error("no session");
  // These are clients: narrowed as the picker's action does (assertClient) before switching.
  assertClient(check.principal);
  return check.principal;
}

describe("profiles (docs/product.md 'Profiles')", () => {
  it("Jordan lands on the picker with both profiles and can switch to the couple profile (audited)", async () => {
    const jordan = await signedIn(DEMO.jordan);
    expect(await landingPathFor(jordan)).toBe("/portal/profiles");
    const { profiles } = await pickerFor(jordan);
    expect(profiles.map((p) => p.name)).toEqual(expect.arrayContaining(["Jordan Lee", "Jordan & Casey Lee"]));
    await switchActiveProfile(jordan, DEMO.profiles.jordanCasey);
    expect((await sessionRow(jordan.sessionId)).activeProfileId).toBe(DEMO.profiles.jordanCasey);
    const rows = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "profile.switch"), eq(auditLog.actorUserId, jordan.userId)));
    expect(rows.some((r) => r.profileId === DEMO.profiles.jordanCasey)).toBe(true);
  });

  it("casey.lee@example.com cannot make 'Jordan Lee' her active profile by sending its id (404)", async () => {
    const casey = await signedIn(DEMO.casey);
    await switchActiveProfile(casey, DEMO.profiles.jordanCasey);
    const attempt = switchActiveProfile(casey, DEMO.profiles.jordan);
    await expect(attempt).rejects.toBeInstanceOf(NotFoundError);
    await expect(attempt).rejects.toMatchObject({ status: 404 });
    expect((await sessionRow(casey.sessionId)).activeProfileId).toBe(DEMO.profiles.jordanCasey);
    // Staff cannot use the client switcher at all: the one wrong-role answer, 404.
    await expect(
      switchActiveProfile(await principalFor(DEMO.ana, sha256Hex("x")), DEMO.profiles.jordan),
    ).rejects.toMatchObject({ status: 404 });
  });

  it("a client with one profile goes straight to the portal; one who lost access to the active profile is sent back to the picker", async () => {
    const { user, profile } = await makeClient("lost");
    const p = await signedIn(user.email);
    expect(await landingPathFor(p)).toBe("/portal");
    const again = await checkSession(await createSession(user.id, "link", meta));
    if (!again.ok) throw new Error("no session");
    assertClient(again.principal);
    await switchActiveProfile(again.principal, profile.id);
    await db
      .delete(profileAccess)
      .where(and(eq(profileAccess.userId, user.id), eq(profileAccess.profileId, profile.id)));
    const { lostActive, profiles } = await pickerFor({ ...again.principal, activeProfileId: profile.id });
    expect(lostActive).toBe(true);
    expect(profiles).toHaveLength(0);
    expect((await sessionRow(again.principal.sessionId)).activeProfileId).toBeNull();
  });
});
