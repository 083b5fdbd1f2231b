import { beforeAll, describe, expect, it } from "vitest";
import type { TestPrincipal } from "@/lib/test/auth-fixtures";
import { and, eq } from "drizzle-orm";
import { extractText, getDocumentProxy } from "unpdf";
import { db } from "@/db";
import { DEMO } from "@/lib/demo/seed";
import { auditLog, emailOutbox, formAnswers } from "@/db/schema";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/core/errors";
import {
  acknowledgeAlert,
  getResponse,
  listOpenAlerts,
  listProfileResponses,
  measureSeries,
  saveDraft,
  sendForms,
  submitResponse,
} from "./responses";
import { latestVersion, saveTemplate } from "./templates";
import { renderResponsePdf } from "./pdf";
import { libraryTemplateId, principalFor } from "@/lib/test/auth-fixtures";
import { itemIds } from "./scoring";
import { withRenderedBodies } from "@/lib/test/outbox";

const P = DEMO.profiles;
let ana: TestPrincipal, sam: TestPrincipal, jordan: TestPrincipal, jordanInCouple: TestPrincipal, casey: TestPrincipal;

beforeAll(async () => {
  ana = await principalFor(DEMO.ana);
  sam = await principalFor(DEMO.sam);
  jordan = await principalFor(DEMO.jordan, "no-session", P.jordan);
  jordanInCouple = await principalFor(DEMO.jordan, "no-session", P.jordanCasey);
  casey = await principalFor(DEMO.casey, "no-session", P.jordanCasey);
});

async function sendOne(key: string, profileId: string = P.jordan): Promise<string> {
  const before = new Set((await listProfileResponses(ana, profileId)).map((r) => r.id));
  await sendForms(ana, { profileId, templateIds: [await libraryTemplateId(key)] });
  const created = (await listProfileResponses(ana, profileId)).find((r) => !before.has(r.id));
  return created!.id;
}

async function storedAnswers(responseId: string) {
  const rows = await db.select().from(formAnswers).where(eq(formAnswers.responseId, responseId));
  return Object.fromEntries(rows.map((r) => [r.questionId, r.value.v]));
}

describe("sending forms", () => {
  it("creates a to-do per template and emails the profile's users without PHI", async () => {
    const couple = await listProfileResponses(ana, P.jordanCasey);
    await sendForms(ana, {
      profileId: P.jordanCasey,
      templateIds: [await libraryTemplateId("phq9"), await libraryTemplateId("intake")],
      dueDate: "2030-01-31",
    });
    const after = await listProfileResponses(casey, P.jordanCasey);
    expect(after.length - couple.length).toBe(2);
    const mails = await withRenderedBodies(
      await db
        .select()
        .from(emailOutbox)
        .where(and(eq(emailOutbox.template, "forms-assigned"), eq(emailOutbox.to, DEMO.casey))),
    );
    expect(mails.length).toBeGreaterThan(0);
    expect(mails[0].text).not.toMatch(/PHQ|Jordan|Casey|intake/i);
  });

  it("a clinician cannot send to another clinician's client", async () => {
    await expect(
      sendForms(sam, { profileId: P.jordan, templateIds: [await libraryTemplateId("phq9")] }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("autosave", () => {
  it("two tabs saving one draft never lose a field saved by either", async () => {
    const id = await sendOne("intake");
    const tabA = ["legal_name", "preferred_name", "phone", "emergency_name", "reasons"];
    const tabB = ["emergency_relationship", "emergency_phone", "history", "medications", "prescriber"];
    // Interleaved saves, each carrying only its own tab's fields, all in flight at once.
    await Promise.all(
      tabA.flatMap((a, i) => [saveDraft(jordan, id, { [a]: `A${i}` }), saveDraft(jordan, id, { [tabB[i]]: `B${i}` })]),
    );
    const stored = await storedAnswers(id);
    tabA.forEach((q, i) => expect(stored[q]).toBe(`A${i}`));
    tabB.forEach((q, i) => expect(stored[q]).toBe(`B${i}`));
  });

  it("either partner fills a couple's form; it shows who saved last", async () => {
    const id = await sendOne("intake", P.jordanCasey);
    await saveDraft(jordanInCouple, id, { legal_name: "Jordan Lee" });
    await saveDraft(casey, id, { phone: "555-0100" });
    const r = await getResponse(jordanInCouple, id);
    expect(r.answers).toMatchObject({ legal_name: "Jordan Lee", phone: "555-0100" });
    expect(r.lastSavedByName).toBe("Casey Lee");
  });

  it.each([
    ["an answer to a question not in the template", { not_a_question: "x" }, "not_a_question", /not part of the form/],
    ["a choice not offered", { concerns: ["anxiety", "astrology"] }, "concerns", /options offered/],
    ["a number out of range", { distress: 11 }, "distress", /between 0 and 10/],
    ["a 100 KB short answer", { phone: "x".repeat(100 * 1024) }, "phone", /under 500 characters/],
  ])("refuses %s with a clear message and leaves the draft untouched", async (_name, bad, field, message) => {
    const id = await sendOne("intake");
    await saveDraft(jordan, id, { legal_name: "Jordan Lee", distress: 4 });
    const before = await storedAnswers(id);
    const err = await saveDraft(jordan, id, { preferred_name: "JL", ...bad }).catch((e) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).fieldErrors[field]?.[0]).toMatch(message);
    expect(await storedAnswers(id)).toEqual(before);
  });

  it("outsiders cannot read or save: Casey on Jordan Lee's form, Sam on Ana's client", async () => {
    const id = await sendOne("phq9");
    await expect(getResponse(casey, id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(saveDraft(casey, id, { phq9_1: "1" })).rejects.toBeInstanceOf(NotFoundError);
    await expect(getResponse(sam, id)).rejects.toBeInstanceOf(NotFoundError);
    // Jordan with the couple profile active does not reach his individual profile's forms either.
    await expect(getResponse(jordanInCouple, id)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("submit, scoring and safety alerts", () => {
  it("scores PHQ-9, raises a safety alert for item 9 above 0, locks the response and sends the safety email", async () => {
    const id = await sendOne("phq9");
    const answers = Object.fromEntries(itemIds("phq9").map((q, i) => [q, i === 8 ? "1" : "2"]));
    await submitResponse(jordan, id, answers);
    const r = await getResponse(ana, id);
    expect(r).toMatchObject({ status: "submitted", score: 17, band: "Moderately severe" });
    const alerts = await listOpenAlerts(ana, P.jordan);
    const alert = alerts.find((a) => a.responseId === id)!;
    expect(alert.itemValue).toBe(1);
    await expect(listOpenAlerts(sam)).resolves.not.toContainEqual(expect.objectContaining({ responseId: id }));
    await expect(saveDraft(jordan, id, { phq9_1: "0" })).rejects.toBeInstanceOf(ConflictError);
    const mails = await withRenderedBodies(
      await db
        .select()
        .from(emailOutbox)
        .where(and(eq(emailOutbox.template, "safety-alert"), eq(emailOutbox.to, DEMO.ana))),
    );
    expect(mails.length).toBeGreaterThan(0);
    expect(mails[0].subject).toMatch(/^Safety alert: a client response needs your review/);

    await acknowledgeAlert(ana, alert.id);
    expect((await listOpenAlerts(ana, P.jordan)).find((a) => a.id === alert.id)).toBeUndefined();
    const acks = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "forms.safety_alert_acknowledged"), eq(auditLog.targetId, alert.id)));
    expect(acks).toHaveLength(1);

    const series = await measureSeries(ana, P.jordan);
    expect(series.phq9.some((pt) => pt.responseId === id && pt.score === 17)).toBe(true);
  });

  it("refuses a submit with required questions unanswered, naming them", async () => {
    const id = await sendOne("gad7");
    const err = await submitResponse(jordan, id, { gad7_1: "1" }).catch((e) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect(Object.keys((err as ValidationError).fieldErrors)).toContain("gad7_7");
    expect((await getResponse(jordan, id)).status).toBe("pending");
  });

  it("records the signature's legal name, relationship, consent, time and user", async () => {
    const id = await sendOne("consent");
    await submitResponse(jordan, id, {
      agree: true,
      signature: { legalName: "Jordan Lee", relationship: "Self", consent: true },
    });
    const sig = (await storedAnswers(id)).signature as Record<string, unknown>;
    expect(sig).toMatchObject({ legalName: "Jordan Lee", relationship: "Self", consent: true, userId: jordan.userId });
    expect(typeof sig.signedAt).toBe("string");
    expect("ip" in sig).toBe(true);
  });

  it("every view is audited", async () => {
    const id = await sendOne("gad7");
    await getResponse(jordan, id);
    await getResponse(ana, id);
    const rows = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "forms.response_view"), eq(auditLog.targetId, id)));
    expect(rows.map((r) => r.actorUserId).sort()).toEqual([ana.userId, jordan.userId].sort());
  });
});

describe("versioned templates", () => {
  it("editing a template never changes a form already sent", async () => {
    const { templateId } = await saveTemplate(ana, {
      title: "Check-in",
      questions: [{ id: "mood", type: "short_text", label: "How are you?", required: true }],
    });
    await sendForms(ana, { profileId: P.jordan, templateIds: [templateId] });
    const sent = (await listProfileResponses(ana, P.jordan)).find((r) => r.title === "Check-in")!;
    await saveTemplate(ana, {
      templateId,
      title: "Check-in v2",
      questions: [{ id: "sleep", type: "number", label: "Hours of sleep", min: 0, max: 24 }],
    });
    expect((await latestVersion(ana, templateId)).version).toBe(2);
    const r = await getResponse(jordan, sent.id);
    expect(r.title).toBe("Check-in");
    expect(r.questions.map((q) => q.id)).toEqual(["mood"]);
    // Sam cannot see or edit Ana's template.
    await expect(latestVersion(sam, templateId)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("PDF", () => {
  it("contains the answers", async () => {
    const id = await sendOne("intake");
    await saveDraft(jordan, id, {
      legal_name: "Jordan Lee",
      dob: "1990-04-12",
      phone: "555-0142",
      ok_to_leave_message: true,
      emergency_name: "Riley Lee",
      emergency_relationship: "Sibling",
      emergency_phone: "555-0199",
      reasons: "Trouble sleeping since the move",
      distress: 6,
      prior_therapy: false,
      medications: "Melatonin 3 mg",
    });
    await submitResponse(jordan, id, {});
    const r = await getResponse(jordan, id, { purpose: "pdf" });
    const pdf = await renderResponsePdf(r, "Riverbend Counseling", "America/Los_Angeles");
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true });
    for (const s of [
      "Intake questionnaire",
      "Riley Lee",
      "Trouble sleeping since the move",
      "Melatonin 3 mg",
      "555-0142",
    ])
      expect(text).toContain(s);
  });
});
