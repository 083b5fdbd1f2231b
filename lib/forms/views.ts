import "server-only";
import { audit } from "@/lib/audit/write";
import type { Principal, StaffPrincipal } from "@/lib/core/principal";
import { findProfile } from "@/lib/profiles/access";
import { sql } from "drizzle-orm";
import { db } from "@/db";
import {
  countTodos,
  listProfileResponses,
  measurePointsJson,
  openAlertsJson,
  profileResponsesJson,
  submissionsToReviewJson,
  toSeries,
} from "./responses";
import { templatesJson, toTemplateSummaries } from "./templates";

/*
 * The forms pages' data, one function per page: each loads what its page shows in one place (so components only
 * render) and writes the page's one audit row. Scores, bands and safety alerts are PHI (docs/product.md, Audit: every
 * view of PHI). Audit detail carries ids, never answers or scores.
 */

/** Dashboard home: open safety alerts and submitted forms not yet reviewed, across the clinician's clients. */
export async function viewReviewQueue(p: StaffPrincipal) {
  // Both lists in one statement (docs/performance.md), each scoped by its own query.
  const [{ alerts, toReview }] = await db
    .select({ alerts: openAlertsJson(p), toReview: submissionsToReviewJson(p) })
    .from(sql`(select 1) as ${sql.identifier("one")}`);
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
  return { alerts, toReview };
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
    .from(sql`(select 1) as ${sql.identifier("one")}`);
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
