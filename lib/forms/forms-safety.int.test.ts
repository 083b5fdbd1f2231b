import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { and, eq, gt } from "drizzle-orm";
import { db } from "@/db";
import { DEMO } from "@/lib/demo/seed";
import { auditLog, emailOutbox, formAnswers } from "@/db/schema";
import { ConflictError, ValidationError } from "@/lib/core/errors";
import {
  acknowledgeAlert,
  cancelResponse,
  countTodos,
  getResponse,
  listOpenAlerts,
  listProfileResponses,
  remindResponse,
  saveDraft,
  sendForms,
  submitResponse,
} from "./responses";
import { itemIds } from "./scoring";
import { libraryTemplateId, principalFor, type TestPrincipal } from "@/lib/test/auth-fixtures";
import { withRenderedBodies } from "@/lib/test/outbox";
import { advanceNow, restoreClock, setNow } from "@/lib/test/clock";

/** Forms and safety (docs/decisions.md): the merge rule, safety email, batching, must-agree, remind and cancel. */

const P = DEMO.profiles;
let ana: TestPrincipal, jordan: TestPrincipal, jordanInCouple: TestPrincipal, casey: TestPrincipal;

beforeAll(async () => {
  ana = await principalFor(DEMO.ana);
  jordan = await principalFor(DEMO.jordan, "no-session", P.jordan);
  jordanInCouple = await principalFor(DEMO.jordan, "no-session", P.jordanCasey);
  casey = await principalFor(DEMO.casey, "no-session", P.jordanCasey);
});
afterEach(() => restoreClock());

async function sendOne(key: string, profileId: string = P.jordan): Promise<string> {
  const before = new Set((await listProfileResponses(ana, profileId)).map((r) => r.id));
  await sendForms(ana, { profileId, templateIds: [await libraryTemplateId(key)] });
  return (await listProfileResponses(ana, profileId)).find((r) => !before.has(r.id))!.id;
}

async function stored(responseId: string) {
  const rows = await db.select().from(formAnswers).where(eq(formAnswers.responseId, responseId));
  return Object.fromEntries(rows.map((r) => [r.questionId, r.value.v]));
}

/** What a page knows when it is rendered: the answers and, per question, when each was saved. */
async function openPage(p: TestPrincipal, id: string) {
  const r = await getResponse(p, id);
  return { answers: r.answers, savedAt: r.answerSavedAt };
}

const gad = (values: number[]) => Object.fromEntries(itemIds("gad7").map((q, i) => [q, String(values[i])]));

describe("nothing typed is lost: the merge rule", () => {
  it("reload race: a late save from the page that was left never overwrites the newer save from the new page", async () => {
    const id = await sendOne("gad7");
    setNow("2026-12-01T14:00:00Z");
    await saveDraft(jordan, id, { gad7_1: "0" }, { bases: { gad7_1: null } });
    const oldPage = await openPage(jordan, id);
    // Jordan reloads; the new page is rendered before the old page's save-on-leaving lands.
    advanceNow(500);
    const newPage = await openPage(jordan, id);
    advanceNow(500);
    await saveDraft(jordan, id, { gad7_1: "3" }, { bases: { gad7_1: newPage.savedAt.gad7_1 } });
    // The old page's save (its change to "2") arrives late, based on what the old page had seen.
    advanceNow(200);
    const late = await saveDraft(jordan, id, { gad7_1: "2" }, { bases: { gad7_1: oldPage.savedAt.gad7_1 } });
    expect(late.conflicts).toEqual(["gad7_1"]);
    expect(late.answers.gad7_1?.v).toBe("3");
    expect((await stored(id)).gad7_1).toBe("3");
    expect((await getResponse(jordan, id)).answers.gad7_1).toBe("3");
  });

  it("reload race: a save-on-leaving that lands after the new page loaded reaches that page on its next sync", async () => {
    const id = await sendOne("gad7");
    setNow("2026-12-01T15:00:00Z");
    const oldPage = await openPage(jordan, id);
    advanceNow(300);
    const newPage = await openPage(jordan, id);
    advanceNow(300);
    await saveDraft(jordan, id, { gad7_1: "2" }, { bases: { gad7_1: oldPage.savedAt.gad7_1 ?? null } });
    advanceNow(1500);
    const since = Object.values(newPage.savedAt).sort().at(-1) ?? null;
    const sync = await saveDraft(jordan, id, {}, { since });
    expect(sync.answers.gad7_1?.v).toBe("2");
  });

  it("two-tab race: a partner submitting from a tab opened earlier keeps the other's newer answer, and the score shows it", async () => {
    const id = await sendOne("gad7", P.jordanCasey);
    setNow("2026-12-01T16:00:00Z");
    // Together they reach 9 (Mild); item 1 is 0.
    await saveDraft(jordanInCouple, id, gad([0, 2, 2, 2, 1, 1, 1]), {
      bases: Object.fromEntries(itemIds("gad7").map((q) => [q, null])),
    });
    advanceNow(60_000);
    const caseyTab = await openPage(casey, id);
    expect(caseyTab.answers.gad7_1).toBe("0");
    // Later Jordan changes item 1 to 2 (total 11, Moderate) in his own tab.
    advanceNow(60_000);
    const jordanTab = await openPage(jordanInCouple, id);
    await saveDraft(jordanInCouple, id, { gad7_1: "2" }, { bases: { gad7_1: jordanTab.savedAt.gad7_1 } });
    // Casey's old tab changes nothing and submits: the newest saved answer of each question is what counts.
    advanceNow(60_000);
    await submitResponse(casey, id, {}, { bases: {} });
    const r = await getResponse(ana, id);
    expect(r).toMatchObject({ status: "submitted", score: 11, band: "Moderate" });
    expect(r.answers.gad7_1).toBe("2");
  });

  it("two-tab race: a stale tab that changed the same question is refused, nothing is submitted, the newer answer stays", async () => {
    const id = await sendOne("phq9", P.jordanCasey);
    setNow("2026-12-01T17:00:00Z");
    await saveDraft(jordanInCouple, id, Object.fromEntries(itemIds("phq9").map((q) => [q, "1"])), {
      bases: Object.fromEntries(itemIds("phq9").map((q) => [q, null])),
    });
    advanceNow(1000);
    const caseyTab = await openPage(casey, id);
    advanceNow(1000);
    const jordanTab = await openPage(jordanInCouple, id);
    await saveDraft(jordanInCouple, id, { phq9_9: "2" }, { bases: { phq9_9: jordanTab.savedAt.phq9_9 } });
    advanceNow(1000);
    const err = await submitResponse(casey, id, { phq9_9: "0" }, { bases: { phq9_9: caseyTab.savedAt.phq9_9 } }).catch(
      (e) => e,
    );
    expect(err).toBeInstanceOf(ConflictError);
    expect((await getResponse(casey, id)).status).toBe("pending");
    expect((await stored(id)).phq9_9).toBe("2");
  });

  it("a cleared answer keeps its time, so an older page cannot bring it back", async () => {
    const id = await sendOne("intake");
    setNow("2026-12-01T18:00:00Z");
    await saveDraft(jordan, id, { preferred_name: "JL" }, { bases: { preferred_name: null } });
    const oldPage = await openPage(jordan, id);
    advanceNow(1000);
    await saveDraft(
      jordan,
      id,
      { preferred_name: null },
      { bases: { preferred_name: oldPage.savedAt.preferred_name } },
    );
    advanceNow(1000);
    const late = await saveDraft(
      jordan,
      id,
      { preferred_name: "J" },
      { bases: { preferred_name: oldPage.savedAt.preferred_name } },
    );
    expect(late.conflicts).toEqual(["preferred_name"]);
    expect((await getResponse(jordan, id)).answers.preferred_name).toBeUndefined();
  });
});

describe("safety first", () => {
  it("a PHQ-9 with item 9 above 0 sends a distinct safety email at once, without PHI, and not the ordinary one", async () => {
    setNow("2026-12-02T10:00:00Z");
    const id = await sendOne("phq9");
    const before = new Date();
    const answers = Object.fromEntries(itemIds("phq9").map((q, i) => [q, i === 8 ? "1" : "2"]));
    const r = await submitResponse(jordan, id, answers);
    expect(r.safetyAlert).toBe(true);
    const rows = await db
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.to, DEMO.ana), gt(emailOutbox.createdAt, new Date(before.getTime() - 1))));
    const mails = await withRenderedBodies(rows);
    expect(mails.map((m) => m.template)).toEqual(["safety-alert"]);
    const m = mails[0];
    expect(m.subject).toBe("Safety alert: a client response needs your review — Riverbend Counseling");
    expect(m.nextAttemptAt.getTime()).toBeLessThanOrEqual(Date.now());
    expect(`${m.subject} ${m.text}`).not.toMatch(/Jordan|Lee|PHQ|17|item|Moderately/i);
  });

  it("the response records who acknowledged the alert and when", async () => {
    setNow("2026-12-01T14:35:00Z");
    const id = await sendOne("phq9");
    await submitResponse(jordan, id, Object.fromEntries(itemIds("phq9").map((q) => [q, "1"])));
    const alert = (await listOpenAlerts(ana, P.jordan)).find((a) => a.responseId === id)!;
    await acknowledgeAlert(ana, alert.id);
    const r = await getResponse(ana, id);
    expect(r.alert).toMatchObject({ acknowledged: true, acknowledgedByName: "Ana Rivera" });
    expect(r.alert!.acknowledgedAt!.toISOString()).toBe("2026-12-01T14:35:00.000Z");
    expect((await getResponse(jordan, id)).alert).toBeNull();
  });

  it("four submissions within a minute reach the clinician as one email, sent after the window", async () => {
    setNow("2026-12-05T09:00:00Z");
    const ids = [await sendOne("gad7"), await sendOne("gad7"), await sendOne("gad7"), await sendOne("gad7")];
    const start = new Date();
    for (const id of ids) {
      advanceNow(15_000);
      await submitResponse(jordan, id, gad([1, 1, 1, 1, 1, 1, 1]));
    }
    const rows = await db
      .select()
      .from(emailOutbox)
      .where(
        and(
          eq(emailOutbox.to, DEMO.ana),
          eq(emailOutbox.template, "form-submitted"),
          gt(emailOutbox.createdAt, new Date(start.getTime() - 1)),
        ),
      );
    expect(rows).toHaveLength(1);
    expect(rows[0].nextAttemptAt.getTime() - rows[0].createdAt.getTime()).toBe(5 * 60_000);
    const [mail] = await withRenderedBodies(rows);
    expect(mail.text).not.toMatch(/GAD|Jordan/i);
    // After the window a new submission starts a new email.
    advanceNow(6 * 60_000);
    await submitResponse(jordan, await sendOne("gad7"), gad([0, 0, 0, 0, 0, 0, 0]));
    const after = await db
      .select()
      .from(emailOutbox)
      .where(
        and(
          eq(emailOutbox.to, DEMO.ana),
          eq(emailOutbox.template, "form-submitted"),
          gt(emailOutbox.createdAt, new Date(start.getTime() - 1)),
        ),
      );
    expect(after).toHaveLength(2);
  });

  it("a consent answered No cannot be submitted: the field says so", async () => {
    const id = await sendOne("consent");
    const err = await submitResponse(jordan, id, {
      agree: false,
      signature: { legalName: "Jordan Lee", relationship: "Self", consent: true },
    }).catch((e) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).fieldErrors.agree?.[0]).toBe("You need to agree to continue.");
    expect((await getResponse(jordan, id)).status).toBe("pending");
    await submitResponse(jordan, id, {
      agree: true,
      signature: { legalName: "Jordan Lee", relationship: "Self", consent: true },
    });
    expect((await getResponse(jordan, id)).status).toBe("submitted");
  });
});

describe("remind and cancel a sent form", () => {
  it("remind sends a new email without PHI, at most once a day", async () => {
    setNow("2026-12-06T09:00:00Z");
    const id = await sendOne("gad7");
    await expect(remindResponse(ana, id)).rejects.toThrow(/tomorrow/);
    advanceNow(25 * 60 * 60_000);
    const t = new Date();
    await expect(remindResponse(ana, id)).resolves.toEqual({ reminded: 1 });
    const rows = await withRenderedBodies(
      await db
        .select()
        .from(emailOutbox)
        .where(and(eq(emailOutbox.to, DEMO.jordan), gt(emailOutbox.createdAt, new Date(t.getTime() - 1)))),
    );
    expect(rows.map((r) => r.template)).toEqual(["forms-assigned"]);
    expect(rows[0].text).not.toMatch(/GAD/i);
    advanceNow(60 * 60_000);
    await expect(remindResponse(ana, id)).rejects.toThrow(/already sent in the last 24 hours/);
  });

  it("cancel withdraws the to-do, keeps the answers saved so far, and is audited", async () => {
    const id = await sendOne("intake");
    await saveDraft(jordan, id, { legal_name: "Jordan Lee" });
    const todosBefore = await countTodos(jordan);
    await cancelResponse(ana, id);
    expect((await countTodos(jordan)).pending).toBe(todosBefore.pending - 1);
    const mine = await listProfileResponses(jordan, P.jordan);
    expect(mine.find((r) => r.id === id)?.status).toBe("cancelled");
    expect((await stored(id)).legal_name).toBe("Jordan Lee");
    await expect(saveDraft(jordan, id, { legal_name: "X" })).rejects.toBeInstanceOf(ConflictError);
    await expect(submitResponse(jordan, id, {})).rejects.toBeInstanceOf(ConflictError);
    await expect(remindResponse(ana, id)).rejects.toBeInstanceOf(ConflictError);
    const audits = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "forms.cancelled"), eq(auditLog.targetId, id)));
    expect(audits).toHaveLength(1);
  });
});
