import "server-only";
import { Readable } from "node:stream";
import { and, desc, eq, gte, inArray, sql } from "drizzle-orm";
import { db } from "@/db";
import {
  billingServices,
  clientProfiles,
  documents,
  emailOutbox,
  formAnswers,
  formResponses,
  formTemplates,
  formTemplateVersions,
  invoices,
  payments,
  safetyAlerts,
  serviceCodes,
  statements,
  superbills,
  users,
  type ClientProfile,
} from "@/db/schema";
import { now } from "@/lib/core/clock";
import { randomToken } from "@/lib/core/crypto";
import type { ClientPrincipal, StaffPrincipal } from "@/lib/core/principal";
import { addDays, instantInZone, todayInZone } from "@/lib/core/time";
import { getPracticeSettings } from "@/lib/practice/settings";
import { acknowledgeAlert, sendForms, submitResponse } from "@/lib/forms/responses";
import { receiveUpload, shareDocuments } from "@/lib/documents";
import { recordService, updateClientBillingDetails } from "@/lib/billing/services";
import { createInvoice, sendInvoice } from "@/lib/billing/invoices";
import { createStatement, sendStatement } from "@/lib/billing/statements";
import { createSuperbill, sendSuperbill } from "@/lib/billing/superbills";
import { paymentsMode } from "@/lib/payments";
import { payWithTestCard } from "@/lib/payments/pay";
import { recordManualPayment } from "@/lib/payments/manual";
import { simplePdf } from "./pdf";

/**
 * The demo practice at work (docs/decisions.md "Demo seed and journeys"): three months of forms with scores, shared
 * documents, a client upload, services, invoices (one paid by card, some sent and unpaid), a statement and a
 * superbill. Everything goes through the domains' own functions, acting as the clinician or the client would, so
 * numbering, audit rows, the payments ledger and the outbox stay as the rules make them; only then are the new
 * rows' dates moved back to the day they happened in the story (audit rows are append-only and keep the seed's
 * time). Days are counted back from the seed's run day in the practice's time zone.
 *
 * Idempotent per piece: each profile's forms, documents and billing are seeded only while that profile has none,
 * so a second run changes nothing and a demo someone has used is never doubled.
 */
export type ActivityPeople = {
  emails: Record<"ana" | "sam" | "jordan" | "casey" | "pat" | "alex", string>;
  profiles: Record<"jordan" | "jordanCasey" | "pat" | "mia" | "alex", string>;
};

type Ctx = {
  tz: string;
  today: string;
  staff: { ana: StaffPrincipal; sam: StaffPrincipal };
  client: (email: string, profileId: string) => Promise<ClientPrincipal>;
  emails: string[];
};

async function userRow(email: string) {
  const [u] = await db.select().from(users).where(eq(users.email, email)).limit(1);
  if (!u) throw new Error(`demo activity: no user ${email}`);
  return u;
}

/** A principal as a session would carry it; the seed acts through the same data functions as the pages. */
async function principal(email: string, activeProfileId: string | null = null) {
  const u = await userRow(email);
  return { userId: u.id, email: u.email, name: u.name, role: u.role, sessionId: "demo-seed", activeProfileId };
}

export async function seedDemoActivity(people: ActivityPeople): Promise<void> {
  const { timeZone: tz } = await getPracticeSettings();
  const ctx: Ctx = {
    tz,
    today: todayInZone(now(), tz),
    staff: {
      ana: (await principal(people.emails.ana)) as StaffPrincipal,
      sam: (await principal(people.emails.sam)) as StaffPrincipal,
    },
    client: async (email, profileId) => (await principal(email, profileId)) as ClientPrincipal,
    emails: Object.values(people.emails),
  };
  const P = people.profiles;
  const E = people.emails;

  if (await isNew(formResponses, P.jordan)) await jordanForms(ctx, E.jordan, P.jordan);
  if (await isNew(formResponses, P.jordanCasey)) await coupleForms(ctx, E.casey, P.jordanCasey);
  if (await isNew(formResponses, P.pat)) await patForms(ctx, E.pat, P.pat);
  if (await isNew(formResponses, P.mia)) await miaForms(ctx, E.pat, P.mia);
  if (await isNew(formResponses, P.alex)) await alexForms(ctx, E.alex, P.alex);

  if (await isNew(documents, P.jordan))
    await share(ctx, ctx.staff.ana, P.jordan, -20, "Welcome to Riverbend.pdf", "Welcome to Riverbend Counseling", [
      "Our office: 410 River Street, Suite 200, Portland, OR 97201.",
      "Sessions last 50 minutes. Please give 24 hours' notice to cancel.",
      "In a crisis, call or text 988, or call 911.",
    ]);
  if (await isNew(documents, P.jordanCasey))
    await share(ctx, ctx.staff.ana, P.jordanCasey, -2, "Communication exercises.pdf", "Communication exercises", [
      "1. Each evening, share one thing you appreciated about your partner today.",
      "2. Practice the speaker-listener technique for ten minutes, twice this week.",
      "3. Notice and name one moment of repair after a disagreement.",
    ]);
  if (await isNew(documents, P.mia))
    await share(ctx, ctx.staff.ana, P.mia, -5, "Supporting your child at home.pdf", "Supporting your child at home", [
      "Keep a steady bedtime and morning routine.",
      "Name feelings out loud, yours and your child's.",
      "Bring questions to our next session.",
    ]);
  if (await isNew(documents, P.alex))
    await share(ctx, ctx.staff.sam, P.alex, -7, "Sleep diary.pdf", "Sleep diary", [
      "Each morning, note when you went to bed, when you fell asleep and when you woke.",
      "Bring the diary to your next session.",
    ]);
  if (await isNew(documents, P.pat)) {
    const pat = await ctx.client(E.pat, P.pat);
    const up = await backdated(ctx, -3, "16:40", () =>
      receiveUpload(pat, {
        body: Readable.from([simplePdf("Insurance card", ["Member: Pat Park", "Member ID: RBX100200377"])]),
        fileName: "Insurance card.pdf",
      }),
    );
    if (up.kind === "document") await moveDocuments(ctx, [up.id], -3, "16:40");
    await share(ctx, ctx.staff.ana, P.pat, -6, "Sleep tips.pdf", "Sleep tips", [
      "Keep the same wake-up time every day, weekends too.",
      "Screens off an hour before bed.",
      "If you cannot sleep after 20 minutes, get up and read until sleepy.",
    ]);
  }

  await settleStoryDates(ctx, people);

  if (await isNew(billingServices, P.jordan)) await jordanBilling(ctx, E.jordan, P.jordan);
  if (await isNew(billingServices, P.pat)) await patBilling(ctx, E.pat, P.pat);
  if (await isNew(billingServices, P.jordanCasey))
    await unpaidInvoice(ctx, ctx.staff.ana, P.jordanCasey, [{ day: -9, cpt: "90847", pos: "11" }], -8);
  if (await isNew(billingServices, P.alex))
    await unpaidInvoice(
      ctx,
      ctx.staff.sam,
      P.alex,
      [
        { day: -28, cpt: "90791", pos: "11" },
        { day: -14, cpt: "90837", pos: "10" },
      ],
      -12,
    );
}

/**
 * The people's own dates follow the story: each profile became a client when its first form was sent, each client
 * was invited then and last signed in when they last submitted a form, and the clinicians worked yesterday. Only
 * dates still unset (or later than the story says) are moved, so a demo someone has used keeps its real sign-ins.
 */
async function settleStoryDates(ctx: Ctx, people: ActivityPeople) {
  for (const profileId of Object.values(people.profiles)) {
    const [first] = await db
      .select({ at: sql<Date>`min(${formResponses.createdAt})` })
      .from(formResponses)
      .where(eq(formResponses.profileId, profileId));
    if (first?.at)
      await db
        .update(clientProfiles)
        .set({ createdAt: new Date(first.at) })
        .where(and(eq(clientProfiles.id, profileId), gte(clientProfiles.createdAt, new Date(first.at))));
  }
  for (const key of ["jordan", "casey", "pat", "alex"] as const) {
    const u = await userRow(people.emails[key]);
    const [r] = await db
      .select({ first: sql<Date>`min(${formResponses.createdAt})`, last: sql<Date>`max(${formResponses.submittedAt})` })
      .from(formResponses)
      .where(eq(formResponses.submittedById, u.id));
    if (!r?.first || !r.last) continue;
    await db
      .update(users)
      .set({ invitedAt: u.invitedAt ?? new Date(r.first), lastSignInAt: u.lastSignInAt ?? new Date(r.last) })
      .where(eq(users.id, u.id));
  }
  for (const key of ["ana", "sam"] as const) {
    const u = await userRow(people.emails[key]);
    if (!u.lastSignInAt)
      await db
        .update(users)
        .set({ lastSignInAt: at(ctx, -1, "17:10") })
        .where(eq(users.id, u.id));
  }
}

async function isNew(table: typeof formResponses | typeof documents | typeof billingServices, profileId: string) {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(table)
    .where(eq(table.profileId, profileId));
  return Number(r.n) === 0;
}

/**
 * Runs a step and moves the emails it queued back to when it happened in the story, so the mailbox and the email
 * log read as a history rather than a burst at start-up.
 */
async function backdated<T>(ctx: Ctx, day: number, time: string, step: () => Promise<T>): Promise<T> {
  const started = new Date(now().getTime() - 1);
  const result = await step();
  const at = instantInZone(addDays(ctx.today, day), time, ctx.tz);
  await db
    .update(emailOutbox)
    .set({ createdAt: at, nextAttemptAt: at })
    .where(and(gte(emailOutbox.createdAt, started), inArray(emailOutbox.to, ctx.emails)));
  return result;
}

const at = (ctx: Ctx, day: number, time: string) => instantInZone(addDays(ctx.today, day), time, ctx.tz);

// ---------------------------------------------------------------------------------------------------------------
// Forms

async function templateIds(): Promise<Record<string, string>> {
  const rows = await db
    .select({ id: formTemplates.id, key: formTemplates.libraryKey })
    .from(formTemplates)
    .where(inArray(formTemplates.libraryKey, ["intake", "consent", "npp", "phq9", "gad7"]));
  return Object.fromEntries(rows.map((r) => [r.key!, r.id]));
}

/** Answers that score `total` on a measure of `items` items (0–3 each); PHQ-9 item 9 is given apart. */
function measureAnswers(measure: "phq9" | "gad7", total: number, item9 = 0): Record<string, string> {
  const n = measure === "phq9" ? 9 : 7;
  const spread = measure === "phq9" ? 8 : 7;
  const values = Array.from({ length: n }, () => 0);
  if (measure === "phq9") values[8] = item9;
  let left = total - (measure === "phq9" ? item9 : 0);
  // Fill in rounds so the answers vary by item rather than all sitting at the same value.
  for (let round = 0; left > 0 && round < 3; round++)
    for (let i = 0; i < spread && left > 0; i++) {
      const idx = (i * 3 + round) % spread;
      if (values[idx] < 3) {
        values[idx]++;
        left--;
      }
    }
  return Object.fromEntries(values.map((v, i) => [`${measure}_${i + 1}`, String(v)]));
}

function intakeAnswers(legalName: string, dob: string | null, reasons: string) {
  return {
    legal_name: legalName,
    dob: dob ?? "1990-01-01",
    phone: "(555) 010-4477",
    ok_to_leave_message: true,
    emergency_name: "Robin Lee",
    emergency_relationship: "Sibling",
    emergency_phone: "(555) 010-9911",
    reasons,
    concerns: ["anxiety", "sleep"],
    distress: 6,
    prior_therapy: false,
    medications: "None",
  };
}

const signed = (legalName: string, relationship: string) => ({ legalName, relationship, consent: true });

type FormPlan = {
  key: "intake" | "consent" | "npp" | "phq9" | "gad7";
  /** Sent this many days from today (negative = ago), at 9:00 in the practice's zone. */
  sent: number;
  /** Submitted that day at `time`; omitted = still pending. */
  submitted?: number;
  time?: string;
  answers?: Record<string, unknown>;
  due?: number;
  /** Opened by the clinician (off the "to review" list). */
  reviewed?: boolean;
  acknowledgeAlert?: boolean;
};

async function runForms(
  ctx: Ctx,
  staff: StaffPrincipal,
  clientEmail: string,
  profileId: string,
  plans: FormPlan[],
): Promise<void> {
  const ids = await templateIds();
  const client = await ctx.client(clientEmail, profileId);
  // Forms sent on the same day go out together, in one email, as a clinician would send them.
  const byDay = new Map<number, FormPlan[]>();
  for (const p of plans) byDay.set(p.sent, [...(byDay.get(p.sent) ?? []), p]);
  for (const [day, group] of [...byDay].sort((a, b) => a[0] - b[0])) {
    const due = group.find((g) => g.due !== undefined)?.due;
    await backdated(ctx, day, "09:00", () =>
      sendForms(staff, {
        profileId,
        templateIds: group.map((g) => ids[g.key]),
        dueDate: due === undefined ? undefined : addDays(ctx.today, due),
      }),
    );
    for (const plan of group) {
      const [r] = await db
        .select({ id: formResponses.id })
        .from(formResponses)
        .innerJoin(formTemplateVersions, eq(formTemplateVersions.id, formResponses.templateVersionId))
        .where(
          and(
            eq(formResponses.profileId, profileId),
            eq(formTemplateVersions.templateId, ids[plan.key]),
            eq(formResponses.status, "pending"),
          ),
        )
        .orderBy(desc(formResponses.createdAt))
        .limit(1);
      const sentAt = at(ctx, day, "09:00");
      await db.update(formResponses).set({ createdAt: sentAt }).where(eq(formResponses.id, r.id));
      if (plan.submitted === undefined) continue;
      await backdated(ctx, plan.submitted, plan.time ?? "19:30", () =>
        submitResponse(client, r.id, plan.answers ?? {}),
      );
      const done = at(ctx, plan.submitted, plan.time ?? "19:30");
      await db
        .update(formResponses)
        .set({
          submittedAt: done,
          lastSavedAt: done,
          reviewedAt: plan.reviewed ? at(ctx, plan.submitted + 1, "08:45") : null,
        })
        .where(eq(formResponses.id, r.id));
      await db.update(formAnswers).set({ updatedAt: done }).where(eq(formAnswers.responseId, r.id));
      // A signature records when it was signed; it was signed when the form was submitted.
      await db
        .update(formAnswers)
        .set({ value: sql`jsonb_set(${formAnswers.value}, '{v,signedAt}', to_jsonb(${done.toISOString()}::text))` })
        .where(and(eq(formAnswers.responseId, r.id), eq(formAnswers.questionId, "signature")));
      const alerts = await db
        .update(safetyAlerts)
        .set({ createdAt: done })
        .where(eq(safetyAlerts.responseId, r.id))
        .returning({ id: safetyAlerts.id });
      if (plan.acknowledgeAlert)
        for (const a of alerts) {
          await acknowledgeAlert(staff, a.id);
          await db
            .update(safetyAlerts)
            .set({ acknowledgedAt: at(ctx, plan.submitted + 1, "08:50") })
            .where(eq(safetyAlerts.id, a.id));
        }
    }
  }
}

/** Every two weeks for twelve weeks, with scores that fall as treatment helps. */
function measureSeries(phq9: number[], gad7: number[], firstDay: number, opts: { reviewAllButLast: boolean }) {
  const plans: FormPlan[] = [];
  phq9.forEach((score, i) => {
    const day = firstDay + i * 14;
    const last = i === phq9.length - 1;
    const reviewed = opts.reviewAllButLast ? !last : true;
    // The first PHQ-9 answered item 9 "Several days": a safety alert the clinician acknowledged the next morning.
    const item9 = i === 0 ? 1 : 0;
    plans.push({
      key: "phq9",
      sent: day,
      submitted: day + 1,
      answers: measureAnswers("phq9", score, item9),
      reviewed,
      acknowledgeAlert: item9 > 0,
    });
    if (gad7[i] !== undefined)
      plans.push({
        key: "gad7",
        sent: day,
        submitted: day + 1,
        time: "19:34",
        answers: measureAnswers("gad7", gad7[i]),
        reviewed,
      });
  });
  return plans;
}

async function jordanForms(ctx: Ctx, email: string, profileId: string) {
  const [p] = await db.select().from(clientProfiles).where(eq(clientProfiles.id, profileId));
  await runForms(ctx, ctx.staff.ana, email, profileId, [
    {
      key: "intake",
      sent: -92,
      submitted: -91,
      answers: intakeAnswers(p.legalName, p.dateOfBirth, "Worry that keeps me up at night, and stress at work."),
      reviewed: true,
    },
    {
      key: "consent",
      sent: -92,
      submitted: -91,
      answers: { agree: true, signature: signed(p.legalName, "Self") },
      reviewed: true,
    },
    {
      key: "npp",
      sent: -92,
      submitted: -91,
      answers: { received: true, signature: signed(p.legalName, "Self") },
      reviewed: true,
    },
    ...measureSeries([16, 15, 13, 11, 9, 7], [15, 14, 12, 10, 8, 6], -85, { reviewAllButLast: true }),
    { key: "phq9", sent: -1, due: 3 },
  ]);
}

async function coupleForms(ctx: Ctx, email: string, profileId: string) {
  await runForms(ctx, ctx.staff.ana, email, profileId, [
    {
      key: "consent",
      sent: -12,
      submitted: -11,
      answers: { agree: true, signature: signed("Casey Lee", "Partner") },
      reviewed: true,
    },
    { key: "intake", sent: -2, due: 5 },
  ]);
}

async function patForms(ctx: Ctx, email: string, profileId: string) {
  const [p] = await db.select().from(clientProfiles).where(eq(clientProfiles.id, profileId));
  await runForms(ctx, ctx.staff.ana, email, profileId, [
    {
      key: "intake",
      sent: -37,
      submitted: -36,
      answers: intakeAnswers(p.legalName, p.dateOfBirth, "Parenting stress and trouble sleeping."),
      reviewed: true,
    },
    {
      key: "consent",
      sent: -37,
      submitted: -36,
      answers: { agree: true, signature: signed(p.legalName, "Self") },
      reviewed: true,
    },
    { key: "phq9", sent: -22, submitted: -21, answers: measureAnswers("phq9", 9), reviewed: true },
    { key: "phq9", sent: -8, submitted: -7, answers: measureAnswers("phq9", 6), reviewed: false },
    { key: "gad7", sent: -1, due: 4 },
  ]);
}

async function miaForms(ctx: Ctx, guardianEmail: string, profileId: string) {
  await runForms(ctx, ctx.staff.ana, guardianEmail, profileId, [
    {
      key: "consent",
      sent: -30,
      submitted: -29,
      answers: { agree: true, signature: signed("Pat Park", "Parent or guardian") },
      reviewed: true,
    },
    { key: "intake", sent: -3, due: 7 },
  ]);
}

async function alexForms(ctx: Ctx, email: string, profileId: string) {
  const [p] = await db.select().from(clientProfiles).where(eq(clientProfiles.id, profileId));
  await runForms(ctx, ctx.staff.sam, email, profileId, [
    {
      key: "consent",
      sent: -45,
      submitted: -44,
      answers: { agree: true, signature: signed(p.legalName, "Self") },
      reviewed: true,
    },
    ...measureSeries([12, 10, 8], [9, 8, 6], -43, { reviewAllButLast: true }).map((f) => ({
      ...f,
      acknowledgeAlert: false,
    })),
    { key: "gad7", sent: -1, due: 6 },
  ]);
}

// ---------------------------------------------------------------------------------------------------------------
// Documents

async function share(
  ctx: Ctx,
  staff: StaffPrincipal,
  profileId: string,
  day: number,
  fileName: string,
  title: string,
  lines: string[],
) {
  const staged = await receiveUpload(staff, { body: Readable.from([simplePdf(title, lines)]), fileName, profileId });
  if (staged.kind !== "staged") throw new Error("demo activity: a clinician's upload is staged first");
  const ids = await backdated(ctx, day, "12:15", () =>
    shareDocuments(staff, { profileId, tickets: [staged.ticket], note: "From our last session." }),
  );
  await moveDocuments(ctx, ids, day, "12:15");
}

async function moveDocuments(ctx: Ctx, ids: string[], day: number, time: string) {
  await db
    .update(documents)
    .set({ createdAt: at(ctx, day, time) })
    .where(inArray(documents.id, ids));
}

// ---------------------------------------------------------------------------------------------------------------
// Billing

type ServicePlan = { day: number; cpt: string; pos: "02" | "10" | "11" | "12" };

async function services(ctx: Ctx, staff: StaffPrincipal, profileId: string, plans: ServicePlan[]) {
  const fees = new Map(
    (await db.select({ code: serviceCodes.code, fee: serviceCodes.defaultFeeCents }).from(serviceCodes)).map((r) => [
      r.code,
      r.fee,
    ]),
  );
  const ids: string[] = [];
  for (const s of plans) {
    const row = await recordService(staff, {
      profileId,
      dateOfService: addDays(ctx.today, s.day),
      cptCode: s.cpt,
      modifiers: s.pos === "10" || s.pos === "02" ? ["95"] : [],
      placeOfService: s.pos,
      units: 1,
      fee: fees.get(s.cpt) ?? 15000,
      diagnosisCodes: [],
    });
    await db
      .update(billingServices)
      .set({ createdAt: at(ctx, s.day, "17:00") })
      .where(eq(billingServices.id, row.id));
    ids.push(row.id);
  }
  return ids;
}

/** An invoice of these services, sent on `sentDay` (dated that day, due 30 days later). */
async function sentInvoice(ctx: Ctx, staff: StaffPrincipal, profileId: string, serviceIds: string[], sentDay: number) {
  const inv = await createInvoice(staff, { profileId, serviceIds });
  await backdated(ctx, sentDay, "10:00", () => sendInvoice(staff, inv.id));
  const issuedOn = addDays(ctx.today, sentDay);
  await db
    .update(invoices)
    .set({
      createdAt: at(ctx, sentDay, "09:55"),
      sentAt: at(ctx, sentDay, "10:00"),
      issuedOn,
      dueOn: addDays(issuedOn, 30),
    })
    .where(eq(invoices.id, inv.id));
  return inv;
}

/** The client pays the balance with a card (test mode: Visa 4242 through the local provider and its webhook). */
async function paidByCard(
  ctx: Ctx,
  staff: StaffPrincipal,
  clientEmail: string,
  profileId: string,
  invoiceId: string,
  day: number,
) {
  if (paymentsMode() === "test") {
    const client = await ctx.client(clientEmail, profileId);
    const [profile] = await db.select().from(clientProfiles).where(eq(clientProfiles.id, profileId));
    await backdated(ctx, day, "20:05", () =>
      payWithTestCard(client, profile as ClientProfile, {
        invoiceId,
        token: randomToken(18),
        brand: "visa",
        last4: "4242",
        expMonth: 12,
        expYear: Number(ctx.today.slice(0, 4)) + 3,
        saveCard: true,
      }),
    );
  } else {
    // With real Stripe keys the seed cannot charge a card: the office records the payment instead.
    const [inv] = await db.select().from(invoices).where(eq(invoices.id, invoiceId));
    await recordManualPayment(staff, {
      invoiceId,
      amount: inv.totalCents - inv.paidCents,
      method: "outside_card",
      receivedOn: addDays(ctx.today, day),
      reference: "Front desk terminal",
    });
  }
  await db
    .update(payments)
    .set({ receivedOn: addDays(ctx.today, day), createdAt: at(ctx, day, "20:05") })
    .where(eq(payments.invoiceId, invoiceId));
}

async function statementAndSuperbill(ctx: Ctx, staff: StaffPrincipal, profileId: string, from: number, to: number) {
  const period = { profileId, periodStart: addDays(ctx.today, from), periodEnd: addDays(ctx.today, to) };
  const st = await createStatement(staff, period);
  await backdated(ctx, -1, "11:00", () => sendStatement(staff, st.id));
  await db
    .update(statements)
    .set({ createdAt: at(ctx, -1, "10:58"), sentAt: at(ctx, -1, "11:00") })
    .where(eq(statements.id, st.id));
  const sb = await createSuperbill(staff, period);
  await backdated(ctx, -1, "11:02", () => sendSuperbill(staff, sb.id));
  await db
    .update(superbills)
    .set({ createdAt: at(ctx, -1, "11:01"), sentAt: at(ctx, -1, "11:02") })
    .where(eq(superbills.id, sb.id));
}

async function jordanBilling(ctx: Ctx, email: string, profileId: string) {
  const ana = ctx.staff.ana;
  const ids = await services(ctx, ana, profileId, [
    { day: -84, cpt: "90791", pos: "11" },
    { day: -70, cpt: "90834", pos: "11" },
    { day: -56, cpt: "90834", pos: "10" },
    { day: -42, cpt: "90834", pos: "11" },
    { day: -28, cpt: "90837", pos: "11" },
    { day: -14, cpt: "90834", pos: "10" },
  ]);
  const first = await sentInvoice(ctx, ana, profileId, ids.slice(0, 3), -55);
  await paidByCard(ctx, ana, email, profileId, first.id, -50);
  await sentInvoice(ctx, ana, profileId, ids.slice(3), -13);
  await statementAndSuperbill(ctx, ana, profileId, -91, -1);
}

async function patBilling(ctx: Ctx, email: string, profileId: string) {
  const ana = ctx.staff.ana;
  const [p] = await db.select().from(clientProfiles).where(eq(clientProfiles.id, profileId));
  // A superbill needs a diagnosis and a member ID (docs/product.md, Billing); Pat's intake brought them.
  if (!p.diagnosisCodes.length || !p.insuranceMemberId)
    await updateClientBillingDetails(ana, { profileId, diagnosisCodes: ["F43.23"], insuranceMemberId: "RBX100200377" });
  const ids = await services(ctx, ana, profileId, [
    { day: -35, cpt: "90791", pos: "11" },
    { day: -21, cpt: "90834", pos: "11" },
    { day: -7, cpt: "90834", pos: "10" },
  ]);
  const first = await sentInvoice(ctx, ana, profileId, ids.slice(0, 1), -34);
  await paidByCard(ctx, ana, email, profileId, first.id, -30);
  await sentInvoice(ctx, ana, profileId, ids.slice(1), -6);
  await statementAndSuperbill(ctx, ana, profileId, -36, -1);
}

async function unpaidInvoice(
  ctx: Ctx,
  staff: StaffPrincipal,
  profileId: string,
  plans: ServicePlan[],
  sentDay: number,
) {
  const ids = await services(ctx, staff, profileId, plans);
  await sentInvoice(ctx, staff, profileId, ids, sentDay);
}
