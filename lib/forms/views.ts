import "server-only";
import { audit } from "@/lib/audit/write";
import type { Principal, StaffPrincipal } from "@/lib/core/principal";
import { findProfile } from "@/lib/profiles/access";
import {
  countTodos,
  listProfileResponses,
  measurePointsJson,
  openAlertsFirstPageJson,
  openAlertsJson,
  pageOpenAlerts,
  profileResponsesJson,
  submissionsToReviewJson,
  toSeries,
} from "./responses";
import { encodeCursor, type PageRequest } from "@/lib/core/keyset";
import { db, type Db } from "@/db";
import { oneRow, placeholderPrincipal, principalValues, runPrepared } from "@/db/prepared";
import { templatesJson, toTemplateSummaries } from "./templates";

/*
 * The forms pages' data, one function per page: each loads what its page shows in one place (so components only
 * render) and writes the page's one audit row. Scores, bands and safety alerts are PHI (docs/product.md, Audit: every
 * view of PHI). Audit detail carries ids, never answers or scores.
 */

/** Dashboard home: open safety alerts and submitted forms not yet reviewed, across the clinician's clients. */
export async function viewReviewQueue(p: StaffPrincipal) {
  // Both lists in one statement (docs/performance.md), each scoped by its own query. The dashboard's home reads
  // the same columns with its to-dos (lib/dashboard/home.ts); this one is for whoever wants only the lists.
  const [row] = await runPrepared(
    `dashboard.review.${p.role}`,
    (d) => reviewQueueQuery(d, placeholderPrincipal(p.role)).prepare(`dashboard_review_${p.role}`),
    principalValues(p),
  );
  return showReviewQueue(p, row);
}

/**
 * The two lists' columns: the alerts are the first keyset page of /dashboard/alerts (one row more than shown says
 * whether there is an older page). `showReviewQueue` reads them back.
 */
export function reviewQueueColumns(p: StaffPrincipal) {
  return { alerts: openAlertsFirstPageJson(p, DASHBOARD_ALERTS), toReview: submissionsToReviewJson(p) };
}

type ReviewQueueRow = Awaited<ReturnType<typeof reviewQueueQuery>>[number];

/** What the dashboard shows of a row with `reviewQueueColumns`' columns; writes the view's one audit row. */
export async function showReviewQueue(p: StaffPrincipal, row: ReviewQueueRow) {
  const { toReview } = row;
  const alerts = row.alerts.slice(0, DASHBOARD_ALERTS);
  const last = alerts.at(-1);
  const older = row.alerts.length > DASHBOARD_ALERTS && last ? encodeCursor(last.cursorKey, last.id) : null;
  if (alerts.length || toReview.length) {
    await audit({
      action: "forms.review_list",
      actor: p,
      targetType: "form_response",
      detail: {
        responseIds: toReview.map((r) => r.id),
        alertIds: alerts.map((a) => a.id),
        profileIds: [...new Set([...alerts, ...toReview].map((r) => r.profileId))],
      },
    });
  }
  // `moreAlerts`: the cursor of /dashboard/alerts' second page when there are more than the dashboard shows.
  return { alerts, toReview, moreAlerts: older };
}

/**
 * The dashboard's two lists as one statement. `viewReviewQueue` builds it once per role (db/prepared.ts) with
 * placeholders for the person; built with a real principal it is the same statement (lib/test/prepared-statements.int.test.ts).
 */
export function reviewQueueQuery(d: Db, p: StaffPrincipal) {
  return d.select(reviewQueueColumns(p)).from(oneRow());
}

/** The dashboard shows the newest open alerts; the rest are on /dashboard/alerts, ALERT_PAGE_SIZE a page. */
export const DASHBOARD_ALERTS = 20;
export const ALERT_PAGE_SIZE = 50;

/** /dashboard/alerts: one page of the open safety alerts in scope, audited like the dashboard's list. */
export async function viewAlertsPage(p: StaffPrincipal, page: PageRequest) {
  const found = await pageOpenAlerts(p, page, ALERT_PAGE_SIZE);
  if (found.rows.length) {
    await audit({
      action: "forms.review_list",
      actor: p,
      targetType: "form_response",
      detail: {
        alertIds: found.rows.map((a) => a.id),
        profileIds: [...new Set(found.rows.map((a) => a.profileId))],
      },
    });
  }
  return found;
}

/** A client's forms page on the dashboard: responses with scores, open alerts, the measure charts, templates to send. */
export async function viewProfileForms(p: StaffPrincipal, profileId: string) {
  const profile = await findProfile(p, profileId);
  // The four lists in one statement (docs/performance.md), each scoped by its own query.
  const [row] = await db
    .select({
      responses: profileResponsesJson(p, profile.id),
      alerts: openAlertsJson(p, profile.id),
      points: measurePointsJson(p, profile.id),
      templates: templatesJson(p),
    })
    .from(oneRow());
  const { responses, alerts } = row;
  const series = toSeries(row.points);
  const templates = toTemplateSummaries(p, row.templates);
  await audit({
    action: "forms.list",
    actor: p,
    profileId: profile.id,
    targetType: "profile",
    targetId: profile.id,
    detail: { responseIds: responses.map((r) => r.id) },
  });
  return { profile, responses, alerts, series, templates };
}

/** The portal's forms page for the active profile. */
export async function viewMyForms(p: Principal, profileId: string) {
  const responses = await listProfileResponses(p, profileId);
  await audit({
    action: "forms.list",
    actor: p,
    profileId,
    targetType: "profile",
    targetId: profileId,
    detail: { responseIds: responses.map((r) => r.id) },
  });
  return responses;
}

/** The portal home's to-do counts (counts only, no form content: not audited as a view). */
export async function loadPortalTodos(p: Principal) {
  return countTodos(p);
}
