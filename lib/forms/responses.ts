import "server-only";
import { and, asc, desc, eq, inArray, isNull, isNotNull, sql, type SQL } from "drizzle-orm";
import { alias, type SelectedFields } from "drizzle-orm/pg-core";
import { db, type DbOrTx } from "@/db";
import { jsonList, type ListQuery } from "@/db/json-list";
import {
  clientProfiles,
  formAnswers,
  formResponses,
  formTemplateVersions,
  profileAccess,
  safetyAlerts,
  users,
} from "@/db/schema";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/core/errors";
import { findProfile, inProfileScope } from "@/lib/profiles/access";
import { isUuid } from "@/lib/core/validation";
import { now } from "@/lib/core/clock";
import { audit } from "@/lib/audit/write";
import { appUrl, enqueueBatchedEmail, enqueueEmail } from "@/lib/email/outbox";
import { requestMeta } from "@/lib/core/http";
import { practiceToday } from "@/lib/practice/settings";
import {
  type Principal,
  type ClientPrincipal,
  type StaffPrincipal,
  assertClient,
  assertStaff,
} from "@/lib/core/principal";
import { answerErrors, answerSchema, type Answers } from "./answer-schema";
import { latestVersion } from "./templates";
import { cursorKey, keysetPage, type KeysetPage, type PageRequest } from "@/lib/core/keyset";
import { needsSafetyAlert, scoreMeasure } from "./scoring";
import { type Question, type SignatureInput, type SignatureValue } from "./types";

/**
 * Sent forms, drafts, submits, alerts. Every function takes the acting principal and puts ownership in the
 * where clause (docs/decisions.md, Code conventions: Data-layer authorisation): a client reaches only responses of their active profile, a clinician
 * those of their own clients; anything else is NotFoundError, so an outsider gets 404.
 */

/** A response the principal may reach, as a where clause. */
function responseScope(p: Principal) {
  if (p.role === "client") {
    // The portal works on the active profile only (docs/product.md, Profiles: every request re-checks it).
    return inProfileScope(p, eq(formResponses.profileId, p.activeProfileId ?? "00000000-0000-0000-0000-000000000000"))!;
  }
  return inProfileScope(p);
}

export type SendResult = { sent: number; ids: string[] };

/**
 * Sends one or more templates (their latest versions) to a profile with an optional due date; the profile's
 * users get a "forms-assigned" email (no PHI) in the same transaction (docs/product.md, Forms: sending and completing; Email: outbox first).
 */
export async function sendForms(
  p: Principal,
  input: { profileId: string; templateIds: string[]; dueDate?: string },
  // A caller's transaction (measures sent before an appointment, lib/appointments/jobs.ts) makes this a savepoint in it.
  on: DbOrTx = db,
): Promise<SendResult> {
  return on.transaction(async (tx) => {
    const profile = await findProfile(p, input.profileId, tx);
    const ids = [...new Set(input.templateIds)];
    const sentIds: string[] = [];
    for (const templateId of ids) {
      const v = await latestVersion(p, templateId, tx);
      const [r] = await tx
        .insert(formResponses)
        .values({
          profileId: profile.id,
          templateVersionId: v.id,
          sentById: p.userId,
          dueDate: input.dueDate ?? null,
          createdAt: now(),
        })
        .returning({ id: formResponses.id });
      sentIds.push(r.id);
      await audit(
        {
          action: "forms.sent",
          actor: p,
          profileId: profile.id,
          targetType: "form_response",
          targetId: r.id,
          detail: { templateId, version: v.version },
        },
        tx,
      );
    }
    await emailFormsToComplete(tx, profile.id);
    return { sent: ids.length, ids: sentIds };
  });
}

const savedBy = alias(users, "saved_by");

export type ResponseRow = {
  id: string;
  profileId: string;
  profileName: string;
  title: string;
  measure: "phq9" | "gad7" | null;
  status: "pending" | "submitted" | "cancelled";
  dueDate: string | null;
  createdAt: Date;
  submittedAt: Date | null;
  lastSavedAt: Date | null;
  lastSavedByName: string | null;
  score: number | null;
  band: string | null;
  reviewedAt: Date | null;
  remindedAt: Date | null;
  cancelledAt: Date | null;
};

const responseFields = {
  id: formResponses.id,
  profileId: formResponses.profileId,
  profileName: clientProfiles.legalName,
  title: formTemplateVersions.title,
  measure: formTemplateVersions.measure,
  status: formResponses.status,
  dueDate: formResponses.dueDate,
  createdAt: formResponses.createdAt,
  submittedAt: formResponses.submittedAt,
  lastSavedAt: formResponses.lastSavedAt,
  lastSavedByName: savedBy.name,
  score: formResponses.score,
  band: formResponses.band,
  reviewedAt: formResponses.reviewedAt,
  remindedAt: formResponses.remindedAt,
  cancelledAt: formResponses.cancelledAt,
};

function listQuery(p: Principal) {
  return db
    .select(responseFields)
    .from(formResponses)
    .innerJoin(clientProfiles, eq(clientProfiles.id, formResponses.profileId))
    .innerJoin(formTemplateVersions, eq(formTemplateVersions.id, formResponses.templateVersionId))
    .leftJoin(savedBy, eq(savedBy.id, formResponses.lastSavedById))
    .$dynamic()
    .where(responseScope(p));
}

/** `listQuery` for any selection (typed by its callers, which return it as a `ListQuery`). */
function listQueryOf<S extends SelectedFields>(p: Principal, select: S) {
  return db
    .select(select as SelectedFields)
    .from(formResponses)
    .innerJoin(clientProfiles, eq(clientProfiles.id, formResponses.profileId))
    .innerJoin(formTemplateVersions, eq(formTemplateVersions.id, formResponses.templateVersionId))
    .leftJoin(savedBy, eq(savedBy.id, formResponses.lastSavedById))
    .$dynamic()
    .where(responseScope(p));
}

/** One profile's forms, pending first then newest: the list's one query, for any selection of its columns. */
function profileResponsesOf<S extends SelectedFields>(p: Principal, profileId: string, select: S): ListQuery<S> {
  return listQueryOf(p, select)
    .where(and(responseScope(p), eq(formResponses.profileId, profileId)))
    .orderBy(asc(formResponses.status), desc(formResponses.createdAt)) as unknown as ListQuery<S>;
}

/**
 * The forms of one profile as one column of a page's single SELECT (db/json-list.ts). The caller has the profile
 * in scope already (the statement's own row); each response is still scoped by `responseScope`.
 */
export function profileResponsesJson(p: Principal, profileId: string) {
  return jsonList(responseFields, (row) => profileResponsesOf(p, profileId, { row }));
}

/** Submitted forms not yet opened by staff, newest first, at most `limit`: the list's one query. */
function toReviewOf<S extends SelectedFields>(p: StaffPrincipal, limit: number, select: S): ListQuery<S> {
  return listQueryOf(p, select)
    .where(and(responseScope(p), eq(formResponses.status, "submitted"), isNull(formResponses.reviewedAt)))
    .orderBy(desc(formResponses.submittedAt))
    .limit(limit) as unknown as ListQuery<S>;
}

/** The review list as one column of a page's single SELECT (db/json-list.ts). */
export function submissionsToReviewJson(p: StaffPrincipal, limit = 20) {
  assertStaff(p);
  return jsonList(responseFields, (row) => toReviewOf(p, limit, { row }));
}

/** The forms of one profile (dashboard client page, or the portal's to-do list for the active profile). */
export async function listProfileResponses(p: Principal, profileId: string): Promise<ResponseRow[]> {
  await findProfile(p, profileId);
  return profileResponsesOf(p, profileId, responseFields);
}

/** Submitted forms of the clinician's clients not yet opened by staff (dashboard home). */
export async function listSubmissionsToReview(p: StaffPrincipal, limit = 20): Promise<ResponseRow[]> {
  assertStaff(p);
  return toReviewOf(p, limit, responseFields);
}

export type ResponseDetail = ResponseRow & {
  questions: Question[];
  answers: Answers;
  submittedByName: string | null;
  sentByName: string | null;
  description: string | null;
  /** When each stored answer (cleared ones included) was saved: the bases the form sends back (merge rule). */
  answerSavedAt: Record<string, string>;
  /** Staff only: the response's safety alert, open or acknowledged (docs/product.md, Safety). */
  alert: {
    id: string;
    acknowledged: boolean;
    acknowledgedAt: Date | null;
    acknowledgedByName: string | null;
    createdAt: Date;
  } | null;
};

/**
 * One response with its questions and answers. Every view is audited (docs/product.md, Audit: every view of PHI); a clinician opening a
 * submitted response marks it reviewed.
 */
export async function getResponse(
  p: Principal,
  responseId: string,
  opts: { purpose: "view" | "pdf" | "edit" } = { purpose: "view" },
): Promise<ResponseDetail> {
  if (!isUuid(responseId)) throw new NotFoundError();
  const [row] = await listQuery(p)
    .where(and(responseScope(p), eq(formResponses.id, responseId)))
    .limit(1);
  if (!row) throw new NotFoundError();
  const [v] = await db
    .select({
      questions: formTemplateVersions.questions,
      description: formTemplateVersions.description,
      submittedById: formResponses.submittedById,
      sentById: formResponses.sentById,
    })
    .from(formResponses)
    .innerJoin(formTemplateVersions, eq(formTemplateVersions.id, formResponses.templateVersionId))
    .where(eq(formResponses.id, responseId));
  const answerRows = await db
    .select({ q: formAnswers.questionId, v: formAnswers.value, at: formAnswers.updatedAt })
    .from(formAnswers)
    .where(eq(formAnswers.responseId, responseId));
  const ackBy = alias(users, "ack_by");
  const alertRows =
    p.role === "client"
      ? []
      : await db
          .select({
            id: safetyAlerts.id,
            acknowledged: safetyAlerts.acknowledged,
            acknowledgedAt: safetyAlerts.acknowledgedAt,
            acknowledgedByName: ackBy.name,
            createdAt: safetyAlerts.createdAt,
          })
          .from(safetyAlerts)
          .leftJoin(ackBy, eq(ackBy.id, safetyAlerts.acknowledgedById))
          .where(eq(safetyAlerts.responseId, responseId))
          .orderBy(desc(safetyAlerts.createdAt))
          .limit(1);
  const names = await db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(
      inArray(
        users.id,
        [v.submittedById, v.sentById].filter((x): x is string => !!x),
      ),
    );
  const nameOf = (id: string | null) => names.find((n) => n.id === id)?.name ?? null;
  await db.transaction(async (tx) => {
    await audit(
      {
        action: opts.purpose === "pdf" ? "forms.response_pdf" : "forms.response_view",
        actor: p,
        profileId: row.profileId,
        targetType: "form_response",
        targetId: row.id,
        detail: { status: row.status },
      },
      tx,
    );
    if (p.role !== "client" && row.status === "submitted" && !row.reviewedAt && opts.purpose === "view") {
      await tx.update(formResponses).set({ reviewedAt: now() }).where(eq(formResponses.id, row.id));
    }
  });
  return {
    ...row,
    description: v.description,
    questions: v.questions,
    answers: liveAnswers(answerRows),
    answerSavedAt: Object.fromEntries(answerRows.map((a) => [a.q, a.at.toISOString()])),
    alert: alertRows[0] ?? null,
    submittedByName: nameOf(v.submittedById),
    sentByName: nameOf(v.sentById),
  };
}

/**
 * Answer schemas by template version. Versions never change, so a built schema stays valid; building one costs
 * far more than using it (zod compiles object schemas), and autosave runs on every pause in typing.
 */
const schemaCache = new Map<string, ReturnType<typeof answerSchema>>();
function cachedAnswerSchema(versionId: string, questions: Question[], mode: "draft" | "submit") {
  const key = `${versionId}:${mode}`;
  let s = schemaCache.get(key);
  if (!s) {
    if (schemaCache.size >= 500) schemaCache.delete(schemaCache.keys().next().value!);
    s = answerSchema(questions, mode);
    schemaCache.set(key, s);
  }
  return s;
}

/** The client pieces a draft save needs: its questions, locked against a concurrent submit. */
async function lockPendingForSave(
  p: Principal,
  responseId: string,
  tx: DbOrTx,
): Promise<{ profileId: string; versionId: string; questions: Question[] }> {
  if (!isUuid(responseId)) throw new NotFoundError();
  if (p.role !== "client") throw new NotFoundError();
  const [r] = await tx
    .select({
      id: formResponses.id,
      status: formResponses.status,
      profileId: formResponses.profileId,
      versionId: formResponses.templateVersionId,
      questions: formTemplateVersions.questions,
    })
    .from(formResponses)
    .innerJoin(clientProfiles, eq(clientProfiles.id, formResponses.profileId))
    .innerJoin(formTemplateVersions, eq(formTemplateVersions.id, formResponses.templateVersionId))
    .where(and(responseScope(p), eq(formResponses.id, responseId)))
    // Row lock: saves of one draft and its submit take turns, so nothing is saved into a submitted form.
    .for("update", { of: formResponses });
  if (!r) throw new NotFoundError();
  if (r.status === "cancelled")
    throw new ConflictError(
      "Your provider withdrew this form, so it can no longer be changed. There is nothing to do.",
    );
  if (r.status !== "pending") throw new ConflictError("This form was already submitted and can no longer be changed.");
  return { profileId: r.profileId, versionId: r.versionId, questions: r.questions };
}

/** Per question, the saved-at the browser last saw (ISO), or null when it saw no answer (docs/decisions.md, Forms and safety). */
export type AnswerBases = Record<string, string | null>;

/**
 * Validates a batch of answers against the template's schema and stores them, one row per question.
 * Nothing is written when any answer is refused (docs/decisions.md, Quality targets: Bad input changes nothing).
 *
 * Merge rule (docs/decisions.md, Forms and safety): with `bases`, an answer is written only when the browser had
 * seen the answer now stored for that question (its saved-at is not newer than the base). A newer answer saved
 * since (by another tab, a partner, or this person's own later page) is kept, and the question is returned as a
 * conflict so the page can show it. A cleared answer is kept as a tombstone (value null) so its saved-at still
 * counts. Without `bases` (server callers: seed, tests of old behaviour) every answer is written.
 */
async function writeAnswers(
  p: Principal,
  responseId: string,
  versionId: string,
  questions: Question[],
  answers: Answers,
  tx: DbOrTx,
  bases?: AnswerBases,
): Promise<{ savedAt: Date | null; conflicts: string[] }> {
  const parsed = cachedAnswerSchema(versionId, questions, "draft").safeParse(answers);
  if (!parsed.success)
    throw new ValidationError(
      "Some answers could not be saved. Please check the highlighted questions.",
      toFieldErrors(answerErrors(parsed.error)),
    );
  const t = now();
  const meta = await requestMeta();
  const byId = new Map(questions.map((q) => [q.id, q]));
  const keys = Object.entries(parsed.data)
    .filter(([, v]) => v !== undefined)
    .map(([k]) => k);
  const stored = new Map<string, Date>();
  if (bases && keys.length) {
    const rows = await tx
      .select({ q: formAnswers.questionId, at: formAnswers.updatedAt })
      .from(formAnswers)
      .where(and(eq(formAnswers.responseId, responseId), inArray(formAnswers.questionId, keys)));
    for (const r of rows) stored.set(r.q, r.at);
  }
  const conflicts: string[] = [];
  const upserts: {
    responseId: string;
    questionId: string;
    value: { v: unknown };
    updatedById: string;
    updatedAt: Date;
  }[] = [];
  for (const [questionId, value] of Object.entries(parsed.data)) {
    if (value === undefined) continue;
    if (bases) {
      const at = stored.get(questionId);
      const base = bases[questionId];
      const baseMs = typeof base === "string" ? Date.parse(base) : null;
      // Saved since the page saw it (or the page sent no base for it): the stored answer wins.
      if (at && (base === undefined || baseMs === null || Number.isNaN(baseMs) || at.getTime() > baseMs)) {
        conflicts.push(questionId);
        continue;
      }
    }
    let stored_: unknown = value;
    if (value !== null && byId.get(questionId)?.type === "signature") {
      // The signature records the typed legal name, the relationship, the consent box, time, IP and user.
      const s = value as SignatureInput;
      stored_ = {
        legalName: s.legalName,
        relationship: s.relationship,
        consent: true,
        signedAt: t.toISOString(),
        ip: meta.ip,
        userId: p.userId,
      } satisfies SignatureValue;
    }
    upserts.push({ responseId, questionId, value: { v: stored_ }, updatedById: p.userId, updatedAt: t });
  }
  if (!upserts.length) return { savedAt: null, conflicts };
  await tx
    .insert(formAnswers)
    .values(upserts)
    .onConflictDoUpdate({
      target: [formAnswers.responseId, formAnswers.questionId],
      set: {
        value: sql`excluded.value`,
        updatedById: sql`excluded.updated_by_id`,
        updatedAt: sql`excluded.updated_at`,
      },
    });
  await tx
    .update(formResponses)
    .set({ lastSavedById: p.userId, lastSavedAt: t })
    .where(eq(formResponses.id, responseId));
  return { savedAt: t, conflicts };
}

/** A draft as stored: each question's answer (null once cleared), when it was saved and by whom. */
export type DraftState = Record<string, { v: unknown; at: string; by: string | null }>;

async function readDraftState(responseId: string, on: DbOrTx, since?: Date): Promise<DraftState> {
  const rows = await on
    .select({ q: formAnswers.questionId, v: formAnswers.value, at: formAnswers.updatedAt, by: users.name })
    .from(formAnswers)
    .leftJoin(users, eq(users.id, formAnswers.updatedById))
    .where(
      and(
        eq(formAnswers.responseId, responseId),
        since ? sql`${formAnswers.updatedAt} > ${since.toISOString()}::timestamptz` : undefined,
      ),
    );
  return Object.fromEntries(rows.map((r) => [r.q, { v: r.v.v ?? null, at: r.at.toISOString(), by: r.by }]));
}

/** Stored answers as the form sees them: cleared answers (tombstones) left out. */
const liveAnswers = (rows: { q: string; v: { v: unknown } }[]): Answers =>
  Object.fromEntries(rows.filter((r) => r.v.v !== null && r.v.v !== undefined).map((r) => [r.q, r.v.v]));

function toFieldErrors(e: Record<string, string>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(e).map(([k, v]) => [k, [v]]));
}

export type DraftSaved = {
  savedAt: string | null;
  savedByName: string | null;
  /** Questions not written because a newer answer was saved since the page saw it. */
  conflicts: string[];
  /** Answers saved since `since` (or every answer, without it): the page shows those it has not changed. */
  answers: DraftState;
};

/**
 * Autosave (docs/product.md, Forms): merges the given fields into the draft by the merge rule of writeAnswers;
 * fields not sent are left as they are. An empty save is a sync: it only returns what others saved since.
 */
export async function saveDraft(
  p: ClientPrincipal,
  responseId: string,
  answers: Answers,
  opts: { bases?: AnswerBases; since?: string | null } = {},
): Promise<DraftSaved> {
  assertClient(p);
  return db.transaction(async (tx) => {
    const { questions, versionId, profileId } = await lockPendingForSave(p, responseId, tx);
    const w = Object.keys(answers).length
      ? await writeAnswers(p, responseId, versionId, questions, answers, tx, opts.bases)
      : { savedAt: null, conflicts: [] };
    const sinceMs = opts.since ? Date.parse(opts.since) : NaN;
    const state = await readDraftState(responseId, tx, Number.isNaN(sinceMs) ? undefined : new Date(sinceMs));
    // Answers this person did not just write are a read of the draft: audited (docs/product.md, Audit).
    const readByOthers = Object.entries(state).some(([, a]) => a.at !== w.savedAt?.toISOString());
    if (readByOthers)
      await audit(
        {
          action: "forms.response_view",
          actor: p,
          profileId,
          targetType: "form_response",
          targetId: responseId,
          detail: { status: "pending", via: "autosave" },
        },
        tx,
      );
    return {
      savedAt: w.savedAt?.toISOString() ?? null,
      savedByName: w.savedAt ? p.name : null,
      conflicts: w.conflicts,
      answers: state,
    };
  });
}

export type SubmitResult = { status: "submitted"; safetyAlert: boolean };

/** Submissions within this window reach the clinician as one email (docs/decisions.md, Forms and safety). */
export const SUBMISSION_EMAIL_WINDOW_MS = 5 * 60_000;

/**
 * Submit: saves the last answers, checks the whole form with the same schema (required answers now required),
 * scores measures, raises a safety alert for PHQ-9 item 9 above 0, locks the response and emails the clinician.
 */
export async function submitResponse(
  p: Principal,
  responseId: string,
  answers: Answers,
  opts: { bases?: AnswerBases } = {},
): Promise<SubmitResult> {
  return db.transaction(async (tx) => {
    const { questions, profileId, versionId } = await lockPendingForSave(p, responseId, tx);
    if (Object.keys(answers).length) {
      const w = await writeAnswers(p, responseId, versionId, questions, answers, tx, opts.bases);
      // The page changed an answer someone else changed since: nothing is submitted, the page shows theirs.
      if (w.conflicts.length)
        throw new ConflictError(
          "Some answers were changed in another window or by someone else while this page was open. Check the updated answers, then submit again.",
        );
    }
    const rows = await tx
      .select({ q: formAnswers.questionId, v: formAnswers.value })
      .from(formAnswers)
      .where(eq(formAnswers.responseId, responseId));
    // The stored answers, newest save of each question, are what is checked, scored and submitted.
    const all = liveAnswers(rows);
    // Stored signatures carry server-added fields; validate what the signer gave.
    for (const q of questions) {
      if (q.type === "signature" && all[q.id]) {
        const s = all[q.id] as SignatureValue;
        all[q.id] = { legalName: s.legalName, relationship: s.relationship, consent: s.consent };
      }
    }
    const parsed = cachedAnswerSchema(versionId, questions, "submit").safeParse(all);
    if (!parsed.success)
      throw new ValidationError("Some questions still need an answer.", toFieldErrors(answerErrors(parsed.error)));
    const [v] = await tx
      .select({ measure: formTemplateVersions.measure, clinicianId: clientProfiles.clinicianId })
      .from(formResponses)
      .innerJoin(formTemplateVersions, eq(formTemplateVersions.id, formResponses.templateVersionId))
      .innerJoin(clientProfiles, eq(clientProfiles.id, formResponses.profileId))
      .where(eq(formResponses.id, responseId));
    const score = v.measure ? scoreMeasure(v.measure, all) : null;
    const t = now();
    const updated = await tx
      .update(formResponses)
      .set({
        status: "submitted",
        submittedAt: t,
        submittedById: p.userId,
        lastSavedById: p.userId,
        lastSavedAt: t,
        score: score?.total ?? null,
        band: score?.band ?? null,
      })
      .where(and(eq(formResponses.id, responseId), eq(formResponses.status, "pending")))
      .returning({ id: formResponses.id });
    if (!updated.length) throw new ConflictError("This form was already submitted.");
    if (score && needsSafetyAlert(score)) {
      const [a] = await tx
        .insert(safetyAlerts)
        .values({ responseId, profileId, itemValue: score.safetyItem!, createdAt: t })
        .returning({ id: safetyAlerts.id });
      await audit(
        { action: "forms.safety_alert_raised", actor: p, profileId, targetType: "safety_alert", targetId: a.id },
        tx,
      );
    }
    await audit(
      {
        action: "forms.submit",
        actor: p,
        profileId,
        targetType: "form_response",
        targetId: responseId,
        detail: score ? { score: score.total } : undefined,
      },
      tx,
    );
    const [clinician] = await tx
      .select({ id: users.id, email: users.email, active: users.active })
      .from(users)
      .where(eq(users.id, v.clinicianId));
    const safety = !!score && needsSafetyAlert(score);
    if (clinician?.active) {
      if (safety) {
        // Never delayed, never merged into the ordinary notice (docs/decisions.md, Forms and safety).
        await enqueueEmail(tx, {
          to: clinician.email,
          template: "safety-alert",
          props: { url: appUrl("/dashboard") },
          userId: clinician.id,
        });
      } else {
        await enqueueBatchedEmail(tx, {
          to: clinician.email,
          template: "form-submitted",
          props: { url: appUrl("/dashboard") },
          userId: clinician.id,
          windowMs: SUBMISSION_EMAIL_WINDOW_MS,
        });
      }
    }
    return { status: "submitted" as const, safetyAlert: safety };
  });
}

export type AlertRow = {
  id: string;
  profileId: string;
  profileName: string;
  responseId: string;
  itemValue: number;
  score: number | null;
  band: string | null;
  createdAt: Date;
};

/** Unacknowledged safety alerts of the clinician's clients (dashboard home, client page). */
export async function listOpenAlerts(p: Principal, profileId?: string): Promise<AlertRow[]> {
  if (p.role === "client") return [];
  return openAlertsOf(p, profileId, alertFields);
}

const alertFields = {
  id: safetyAlerts.id,
  profileId: safetyAlerts.profileId,
  profileName: clientProfiles.legalName,
  responseId: safetyAlerts.responseId,
  itemValue: safetyAlerts.itemValue,
  score: formResponses.score,
  band: formResponses.band,
  createdAt: safetyAlerts.createdAt,
};

/** The open alerts in the principal's scope and the caller's conditions: the FROM and WHERE of every alert list. */
function openAlertsWhere(p: Principal, select: SelectedFields, ...conds: (SQL | undefined)[]) {
  return db
    .select(select)
    .from(safetyAlerts)
    .innerJoin(clientProfiles, eq(clientProfiles.id, safetyAlerts.profileId))
    .innerJoin(formResponses, eq(formResponses.id, safetyAlerts.responseId))
    .where(inProfileScope(p, eq(safetyAlerts.acknowledged, false), ...conds))
    .$dynamic();
}

/** The open alerts' one query, for any selection of its columns. */
function openAlertsOf<S extends SelectedFields>(p: Principal, profileId: string | undefined, select: S): ListQuery<S> {
  return openAlertsWhere(p, select, profileId ? eq(safetyAlerts.profileId, profileId) : undefined).orderBy(
    desc(safetyAlerts.createdAt),
  ) as unknown as ListQuery<S>;
}

/** Open alerts (staff only) as one column of a page's single SELECT (db/json-list.ts). */
export function openAlertsJson(p: StaffPrincipal, profileId?: string) {
  assertStaff(p);
  return jsonList(alertFields, (row) => openAlertsOf(p, profileId, { row }));
}

/**
 * The first page of the open safety alerts in the principal's scope as one column of a page's single SELECT
 * (db/json-list.ts): the newest `size + 1` in `pageOpenAlerts`' keyset order, so the caller knows whether an older
 * page exists (lib/forms/views.ts `viewReviewQueue`). The same scope and order as `pageOpenAlerts` with no cursor.
 */
export function openAlertsFirstPageJson(p: StaffPrincipal, size: number) {
  assertStaff(p);
  return jsonList({ ...alertFields, cursorKey: cursorKey(safetyAlerts.createdAt) }, (row) =>
    openAlertsWhere(p, { row })
      .orderBy(desc(safetyAlerts.createdAt), desc(safetyAlerts.id))
      .limit(size + 1),
  );
}

/**
 * One page of the open safety alerts in the principal's scope, newest first, by keyset on (created_at, id)
 * (lib/core/keyset.ts; partial index safety_alerts_open_idx): the dashboard shows the first few, /dashboard/alerts
 * pages through all. The scope is in the query, so a cursor never reaches another clinician's alerts.
 */
export async function pageOpenAlerts(
  p: StaffPrincipal,
  page: PageRequest,
  size: number,
): Promise<KeysetPage<AlertRow & { cursorKey: string }>> {
  assertStaff(p);
  return keysetPage(
    { sort: safetyAlerts.createdAt, id: safetyAlerts.id, idType: "uuid" },
    page,
    size,
    (k, order, limit) =>
      openAlertsWhere(p, { ...alertFields, cursorKey: cursorKey(safetyAlerts.createdAt) }, k)
        .orderBy(...order)
        .limit(limit) as unknown as Promise<(AlertRow & { cursorKey: string })[]>,
  );
}

/** The clinician acknowledges a safety alert (audited); it then leaves the dashboard. */
export async function acknowledgeAlert(p: StaffPrincipal, alertId: string): Promise<void> {
  assertStaff(p);
  if (!isUuid(alertId)) throw new NotFoundError();
  await db.transaction(async (tx) => {
    const [a] = await tx
      .select({ id: safetyAlerts.id, profileId: safetyAlerts.profileId })
      .from(safetyAlerts)
      .innerJoin(clientProfiles, eq(clientProfiles.id, safetyAlerts.profileId))
      .where(inProfileScope(p, eq(safetyAlerts.id, alertId)));
    if (!a) throw new NotFoundError();
    await tx
      .update(safetyAlerts)
      .set({ acknowledged: true, acknowledgedById: p.userId, acknowledgedAt: now() })
      .where(eq(safetyAlerts.id, alertId));
    await audit(
      {
        action: "forms.safety_alert_acknowledged",
        actor: p,
        profileId: a.profileId,
        targetType: "safety_alert",
        targetId: a.id,
      },
      tx,
    );
  });
}

export type MeasurePoint = { responseId: string; submittedAt: Date; score: number; band: string };

/** Each measure's scores over time for a profile (docs/product.md, Forms: scoring). */
export async function measureSeries(p: Principal, profileId: string): Promise<Record<"phq9" | "gad7", MeasurePoint[]>> {
  await findProfile(p, profileId);
  return toSeries(await measurePointsOf(p, profileId, measureFields));
}

const measureFields = {
  responseId: formResponses.id,
  submittedAt: formResponses.submittedAt,
  score: formResponses.score,
  band: formResponses.band,
  measure: formTemplateVersions.measure,
};

/** A profile's scored submissions, oldest first: the series' one query, for any selection of its columns. */
function measurePointsOf<S extends SelectedFields>(p: Principal, profileId: string, select: S): ListQuery<S> {
  return db
    .select(select as SelectedFields)
    .from(formResponses)
    .innerJoin(clientProfiles, eq(clientProfiles.id, formResponses.profileId))
    .innerJoin(formTemplateVersions, eq(formTemplateVersions.id, formResponses.templateVersionId))
    .where(
      inProfileScope(
        p,
        eq(formResponses.profileId, profileId),
        eq(formResponses.status, "submitted"),
        isNotNull(formResponses.score),
        isNotNull(formTemplateVersions.measure),
      ),
    )
    .orderBy(asc(formResponses.submittedAt)) as unknown as ListQuery<S>;
}

/** The series' points as one column of a page's single SELECT (db/json-list.ts); rows go through `toSeries`. */
export function measurePointsJson(p: Principal, profileId: string) {
  return jsonList(measureFields, (row) => measurePointsOf(p, profileId, { row }));
}

type MeasureRow = {
  responseId: string;
  submittedAt: Date | null;
  score: number | null;
  band: string | null;
  measure: "phq9" | "gad7" | null;
};

export function toSeries(rows: MeasureRow[]): Record<"phq9" | "gad7", MeasurePoint[]> {
  const out: Record<"phq9" | "gad7", MeasurePoint[]> = { phq9: [], gad7: [] };
  for (const r of rows)
    out[r.measure!].push({ responseId: r.responseId, submittedAt: r.submittedAt!, score: r.score!, band: r.band! });
  return out;
}

/** Counts for the portal home's to-do section; a form is overdue the day after its due date, in the practice's zone. */
export async function countTodos(p: Principal): Promise<{ pending: number; overdue: number }> {
  if (!p.activeProfileId) return { pending: 0, overdue: 0 };
  const today = await practiceToday();
  const [r] = await db
    .select({
      pending: sql<number>`count(*)::int`,
      overdue: sql<number>`count(*) filter (where ${formResponses.dueDate} < ${today})::int`,
    })
    .from(formResponses)
    .innerJoin(clientProfiles, eq(clientProfiles.id, formResponses.profileId))
    .where(and(responseScope(p), eq(formResponses.status, "pending")));
  return r ?? { pending: 0, overdue: 0 };
}

/** A form can be reminded about once a day (docs/decisions.md, Forms and safety). */
export const REMIND_INTERVAL_MS = 24 * 60 * 60_000;

/** The sent form of one of the clinician's clients, locked, still waiting for the client. */
async function lockOpenForStaff(p: StaffPrincipal, responseId: string, tx: DbOrTx) {
  assertStaff(p);
  if (!isUuid(responseId)) throw new NotFoundError();
  const [r] = await tx
    .select({
      id: formResponses.id,
      profileId: formResponses.profileId,
      status: formResponses.status,
      remindedAt: formResponses.remindedAt,
      createdAt: formResponses.createdAt,
    })
    .from(formResponses)
    .innerJoin(clientProfiles, eq(clientProfiles.id, formResponses.profileId))
    .where(inProfileScope(p, eq(formResponses.id, responseId)))
    .for("update", { of: formResponses });
  if (!r) throw new NotFoundError();
  if (r.status === "submitted") throw new ConflictError("This form was already submitted.");
  if (r.status === "cancelled") throw new ConflictError("This form was already cancelled.");
  return r;
}

/**
 * "Remind": emails the profile's users a new "forms to complete" notice (no PHI). At most once a day per form,
 * counting the first email sent with the form, so a client is never flooded.
 */
export async function remindResponse(p: StaffPrincipal, responseId: string): Promise<{ reminded: number }> {
  return db.transaction(async (tx) => {
    const r = await lockOpenForStaff(p, responseId, tx);
    const t = now();
    const last = r.remindedAt ?? r.createdAt;
    if (t.getTime() - last.getTime() < REMIND_INTERVAL_MS)
      throw new ConflictError(
        r.remindedAt
          ? "A reminder for this form was already sent in the last 24 hours. You can send another one tomorrow."
          : "This form was sent less than 24 hours ago, with an email. You can send a reminder tomorrow.",
      );
    const emailed = await emailFormsToComplete(tx, r.profileId);
    await tx.update(formResponses).set({ remindedAt: t }).where(eq(formResponses.id, r.id));
    await audit(
      {
        action: "forms.reminded",
        actor: p,
        profileId: r.profileId,
        targetType: "form_response",
        targetId: r.id,
        detail: { recipients: emailed },
      },
      tx,
    );
    return { reminded: emailed };
  });
}

/**
 * "Cancel": withdraws a form the client has not submitted. The to-do leaves the portal; answers saved so far stay
 * in the record (nothing is deleted), and the cancel is audited.
 */
export async function cancelResponse(p: StaffPrincipal, responseId: string): Promise<{ cancelled: true }> {
  return db.transaction(async (tx) => {
    const r = await lockOpenForStaff(p, responseId, tx);
    const t = now();
    await tx
      .update(formResponses)
      .set({ status: "cancelled", cancelledAt: t, cancelledById: p.userId })
      .where(and(eq(formResponses.id, r.id), eq(formResponses.status, "pending")));
    await audit(
      {
        action: "forms.cancelled",
        actor: p,
        profileId: r.profileId,
        targetType: "form_response",
        targetId: r.id,
      },
      tx,
    );
    return { cancelled: true as const };
  });
}

/**
 * The "forms to complete" email (no PHI) to each active portal user of the profile, through the outbox; returns
 * how many were queued.
 */
async function emailFormsToComplete(tx: DbOrTx, profileId: string): Promise<number> {
  const recipients = await tx
    .select({ id: users.id, email: users.email })
    .from(profileAccess)
    .innerJoin(users, eq(users.id, profileAccess.userId))
    .where(and(eq(profileAccess.profileId, profileId), eq(users.active, true)));
  for (const u of recipients)
    await enqueueEmail(tx, {
      to: u.email,
      template: "forms-assigned",
      props: { url: appUrl("/portal/forms") },
      userId: u.id,
    });
  return recipients.length;
}
