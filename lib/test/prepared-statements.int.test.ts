import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { DEMO } from "@/lib/demo/seed";
import { libraryTemplateId, principalFor, type TestPrincipal } from "@/lib/test/auth-fixtures";
import { sendForms } from "@/lib/forms/responses";
import { homeListsQuery, readHomeLists } from "@/lib/dashboard/portal-home";
import { reviewQueueQuery, viewReviewQueue, DASHBOARD_ALERTS } from "@/lib/forms/views";
import { loadTodos, todoSources, todosOfRow } from "@/lib/dashboard/todos";
import { dashboardHomeQuery, viewDashboardHome } from "@/lib/dashboard/home";
import { listMyProfiles } from "@/lib/profiles/queries";
import { NotFoundError } from "@/lib/core/errors";
import { placeholderPrincipal } from "@/db/prepared";
import { clientProfiles, profileAccess } from "@/db/schema";
import {
  checkSession,
  checkSessionRows,
  createSession,
  endSession,
  markSecondFactorPassed,
  settingsAndSession,
} from "@/lib/auth/sessions";
import { getPracticeSettings } from "@/lib/practice/settings";
import { sha256Hex } from "@/lib/core/crypto";
import { makeClient, userByEmail } from "@/lib/test/auth-fixtures";
import { eq } from "drizzle-orm";
import { readThread, sendMessage } from "@/lib/messaging/messages";

/**
 * db/prepared.ts: a statement is built once, with placeholders, by whoever asks first, and then run for everyone.
 * Nothing of the first person may stay in it: each person below gets what the same statement built with their own
 * values (the unprepared query) gets, whoever came first, and a placeholder principal refuses to give out a value
 * that is not a placeholder.
 */

const P = DEMO.profiles;
let pat: TestPrincipal, jordan: TestPrincipal, casey: TestPrincipal, ana: TestPrincipal, sam: TestPrincipal;
let admin: TestPrincipal;

beforeAll(async () => {
  pat = await principalFor(DEMO.pat, "s-pat", P.pat);
  jordan = await principalFor(DEMO.jordan, "s-jordan", P.jordan);
  casey = await principalFor(DEMO.casey, "s-casey", P.jordanCasey);
  ana = await principalFor(DEMO.ana);
  sam = await principalFor(DEMO.sam);
  admin = await principalFor(DEMO.admin);
  // A form for Pat to complete, so Pat's home has something of Pat's own to show.
  await sendForms(ana, { profileId: P.pat, templateIds: [await libraryTemplateId("gad7")] });
});

describe("prepared statements answer for each person as if built for them", () => {
  it("the portal home's lists: Pat's, then Jordan's and Casey's, each their own", async () => {
    const cases: [TestPrincipal, string][] = [
      [pat, P.pat],
      [jordan, P.jordan],
      [casey, P.jordanCasey],
      [{ ...jordan, activeProfileId: P.jordanCasey }, P.jordanCasey],
    ];
    for (const [who, profileId] of cases) {
      const [own] = await homeListsQuery(db, who, profileId);
      expect(await readHomeLists(who, profileId)).toEqual(own);
    }
    // Pat's home showed Pat's forms; Jordan's does not show them (the values really change per run).
    const patForms = (await readHomeLists(pat, P.pat)).responses.map((r) => r.id);
    const jordanForms = (await readHomeLists(jordan, P.jordan)).responses.map((r) => r.id);
    expect(patForms.length).toBeGreaterThan(0);
    expect(jordanForms.filter((id) => patForms.includes(id))).toEqual([]);
  });

  it("a profile out of reach is not found, as without preparing", async () => {
    expect(await homeListsQuery(db, pat, P.jordan)).toEqual([]);
    await expect(readHomeLists(pat, P.jordan)).rejects.toBeInstanceOf(NotFoundError);
    // Casey is a partner on the couple profile, not on Jordan's own.
    await expect(readHomeLists({ ...casey, activeProfileId: P.jordan }, P.jordan)).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it("the own-profiles list: Pat's two (Pat and Mia, a minor), then Jordan's two, then Casey's one", async () => {
    expect((await listMyProfiles(pat)).map((p) => p.id).sort()).toEqual([P.pat, P.mia].sort());
    expect((await listMyProfiles(jordan)).map((p) => p.id).sort()).toEqual([P.jordan, P.jordanCasey].sort());
    expect((await listMyProfiles(casey)).map((p) => p.id)).toEqual([P.jordanCasey]);
  });

  it("the dashboard's review lists and to-dos: Ana's, Sam's and the admin's, one statement per role", async () => {
    for (const who of [ana, sam, admin]) {
      const [own] = await reviewQueueQuery(db, who);
      const shown = await viewReviewQueue(who);
      expect(shown.toReview).toEqual(own.toReview);
      expect(shown.alerts).toEqual(own.alerts.slice(0, DASHBOARD_ALERTS));
      // A copy of the list is not the dashboard's own: loadTodos builds it afresh with this person's values.
      expect(await loadTodos(who)).toEqual(await loadTodos(who, [...todoSources]));
    }
    // Sam's only client is Alex Kim: none of Ana's clients' submissions reach Sam's list.
    const samProfiles = new Set((await viewReviewQueue(sam)).toReview.map((r) => r.profileId));
    expect([...samProfiles].filter((id) => id !== P.alex)).toEqual([]);
  });

  it("the dashboard's home (to-dos and both lists in one statement): Ana's, Sam's and the admin's", async () => {
    for (const who of [ana, sam, admin]) {
      const [own] = await dashboardHomeQuery(db, who);
      const home = await viewDashboardHome(who);
      // The same as the same statement built with this person's values, and as the two parts read apart.
      expect(home.todos).toEqual(todosOfRow(own));
      expect(home.toReview).toEqual(own.toReview);
      expect(home.alerts).toEqual(own.alerts.slice(0, DASHBOARD_ALERTS));
      expect(home.todos).toEqual(await loadTodos(who, [...todoSources]));
      const apart = await viewReviewQueue(who);
      expect({ alerts: home.alerts, toReview: home.toReview, moreAlerts: home.moreAlerts }).toEqual(apart);
    }
    // The values really change per person: Ana's counts are not Sam's.
    expect((await viewDashboardHome(ana)).todos).not.toEqual((await viewDashboardHome(sam)).todos);
    const samProfiles = new Set((await viewDashboardHome(sam)).toReview.map((r) => r.profileId));
    expect([...samProfiles].filter((id) => id !== P.alex)).toEqual([]);
  });

  it("a placeholder principal gives no name, email or other value to build into a statement", () => {
    const q = placeholderPrincipal("client");
    expect(q.role).toBe("client");
    expect(() => q.name).toThrow(/cannot use the principal's name/);
    expect(() => q.email).toThrow(/cannot use the principal's email/);
  });
});

/**
 * The session check's rows come from its own statement (an action, a route) or from the root layout's statement
 * that reads them with the practice settings (a page render, lib/auth/auth.ts `startPageRender`): both ways give
 * the same answer.
 */
const checkWays = {
  "its own statement": (sid: string) => checkSession(sid, { touch: false, withOwnProfiles: true }),
  "the root layout's statement with the settings": async (sid: string) => {
    const read = await settingsAndSession(sha256Hex(sid));
    expect(read).not.toBeNull();
    // The settings in it are the row the settings statement reads.
    expect(read!.settings).toEqual(await getPracticeSettings(db));
    return checkSessionRows(sha256Hex(sid), read!.rows, { touch: false, withOwnProfiles: true });
  },
};

describe.each(Object.entries(checkWays))(
  "the session check carries a client's own profiles, read by %s",
  (_, check) => {
    const meta = { ip: null, userAgent: "test" };
    const ownOf = async (email: string) => {
      const user = await userByEmail(email);
      const sid = await createSession(user.id, "link", meta);
      if (user.role !== "client") await markSecondFactorPassed(sha256Hex(sid), "totp");
      const result = await check(sid);
      if (!result.ok) throw new Error("session not ok");
      expect(result.principal).toMatchObject({ userId: user.id, email: user.email, role: user.role });
      return result;
    };
    const shape = (rows: { profile: { id: string }; relationship: string; unread: number }[]) =>
      rows.map((r) => ({ id: r.profile.id, relationship: r.relationship, unread: r.unread }));

    it("the same rows, in the same order, as the own-profiles statement: Pat, Jordan (two profiles), Casey", async () => {
      // Unread counts that are not all zero: Ana writes twice on the couple profile and once on Pat's.
      const sent = await sendMessage(ana, { profileId: P.jordanCasey, body: "A note for you both." });
      await sendMessage(ana, { profileId: P.jordanCasey, body: "And a second one." });
      await sendMessage(ana, { profileId: P.pat, body: "A note for Pat." });
      for (const email of [DEMO.pat, DEMO.jordan, DEMO.casey]) {
        const check = await ownOf(email);
        // Outside a render nothing is held, so listMyProfiles runs its own statement (lib/profiles/queries.ts).
        const own = await listMyProfiles(check.principal);
        expect(own.length).toBeGreaterThan(0);
        expect(shape(check.ownProfiles!)).toEqual(
          own.map((r) => ({ id: r.id, relationship: r.relationship, unread: r.unread })),
        );
      }
      // Jordan reads the couple's conversation: his count is his own (0), Casey's still counts both.
      await readThread(jordan, sent.conversationId);
      const coupleOf = async (email: string) =>
        (await ownOf(email)).ownProfiles!.find((r) => r.profile.id === P.jordanCasey)!.unread;
      expect(await coupleOf(DEMO.jordan)).toBe(0);
      expect(await coupleOf(DEMO.casey)).toBeGreaterThanOrEqual(2);
      expect((await ownOf(DEMO.pat)).ownProfiles!.find((r) => r.profile.id === P.pat)!.unread).toBeGreaterThanOrEqual(
        1,
      );
      expect((await ownOf(DEMO.jordan)).ownProfiles!.map((r) => r.profile.id).sort()).toEqual(
        [P.jordan, P.jordanCasey].sort(),
      );
    });

    it("an archived profile or one whose access was removed is not among them; staff get none", async () => {
      const { user, profile } = await makeClient("own-profiles");
      const [second] = await db
        .insert(clientProfiles)
        .values({ type: "minor", legalName: "Second Child", clinicianId: (await userByEmail(DEMO.ana)).id })
        .returning();
      await db.insert(profileAccess).values({ profileId: second.id, userId: user.id, relationship: "guardian" });
      expect((await ownOf(user.email)).ownProfiles!.map((r) => r.profile.id)).toEqual([profile.id, second.id]);
      await db.update(clientProfiles).set({ archivedAt: new Date() }).where(eq(clientProfiles.id, second.id));
      expect((await ownOf(user.email)).ownProfiles!.map((r) => r.profile.id)).toEqual([profile.id]);
      await db.delete(profileAccess).where(eq(profileAccess.profileId, profile.id));
      expect((await ownOf(user.email)).ownProfiles).toEqual([]);
      expect((await ownOf(DEMO.ana)).ownProfiles).toBeUndefined();
    });

    it("a session that does not exist or has ended is refused", async () => {
      expect(await check("no-such-session")).toEqual({ ok: false, reason: "missing" });
      const user = await userByEmail(DEMO.pat);
      const sid = await createSession(user.id, "link", meta);
      expect((await check(sid)).ok).toBe(true);
      await endSession(sha256Hex(sid), "sign_out", { userId: user.id, role: "client" });
      expect(await check(sid)).toEqual({ ok: false, reason: "ended" });
    });
  },
);
