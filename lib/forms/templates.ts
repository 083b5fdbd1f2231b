import "server-only";
import { and, asc, desc, eq, isNull, or, sql } from "drizzle-orm";
import { db, type DbOrTx } from "@/db";
import { jsonList, type ListQuery } from "@/db/json-list";
import type { SelectedFields } from "drizzle-orm/pg-core";
import { formTemplates, formTemplateVersions, type FormTemplateVersion } from "@/db/schema";
import { NotFoundError } from "@/lib/core/errors";
import { isUuid } from "@/lib/core/validation";
import { now } from "@/lib/core/clock";
import { audit } from "@/lib/audit/write";
import { isAdmin, type Principal, type StaffPrincipal, assertStaff } from "@/lib/core/principal";
import { LIBRARY } from "./library";
import type { z } from "zod";
import type { templateSchema } from "./schemas";

/** Templates a staff member can see and send: the practice library and their own (admin: all). */
function templateScope(p: Pick<Principal, "userId" | "role">) {
  if (isAdmin(p)) return sql`true`;
  return or(isNull(formTemplates.ownerId), eq(formTemplates.ownerId, p.userId))!;
}

/** Who may change a template: its owner; the library only by an admin. */
const canEdit = (p: Pick<Principal, "userId" | "role">, ownerId: string | null) =>
  isAdmin(p) || (ownerId !== null && ownerId === p.userId);

export type TemplateSummary = {
  id: string;
  title: string;
  library: boolean;
  mine: boolean;
  version: number;
  questionCount: number;
  measure: string | null;
  editable: boolean;
};

const templateFields = {
  id: formTemplates.id,
  ownerId: formTemplates.ownerId,
  title: formTemplateVersions.title,
  version: formTemplateVersions.version,
  questionCount: sql<number>`jsonb_array_length(${formTemplateVersions.questions})`.mapWith(Number),
  measure: formTemplateVersions.measure,
};
type TemplateRow = {
  id: string;
  ownerId: string | null;
  title: string;
  version: number;
  questionCount: number;
  measure: string | null;
};

/** The latest version of each visible template, library first: the list's one query, for any selection. */
function templatesOf<S extends SelectedFields>(p: StaffPrincipal, select: S): ListQuery<S> {
  return db
    .select(select as SelectedFields)
    .from(formTemplates)
    .innerJoin(
      formTemplateVersions,
      and(
        eq(formTemplateVersions.templateId, formTemplates.id),
        eq(
          formTemplateVersions.version,
          sql`(select max(v2.version) from form_template_versions v2 where v2.template_id = ${formTemplates.id})`,
        ),
      ),
    )
    .where(and(isNull(formTemplates.archivedAt), templateScope(p)))
    .orderBy(sql`${formTemplates.ownerId} is not null`, asc(formTemplates.title)) as unknown as ListQuery<S>;
}

/** The latest version of each visible template. */
export async function listTemplates(p: StaffPrincipal): Promise<TemplateSummary[]> {
  assertStaff(p);
  return toTemplateSummaries(p, await templatesOf(p, templateFields));
}

/** The same list as one column of a page's single SELECT (db/json-list.ts); rows go through `toTemplateSummaries`. */
export function templatesJson(p: StaffPrincipal) {
  assertStaff(p);
  return jsonList(templateFields, (row) => templatesOf(p, { row }));
}

export function toTemplateSummaries(p: StaffPrincipal, rows: TemplateRow[]): TemplateSummary[] {
  return rows.map((t) => ({
    id: t.id,
    title: t.title,
    library: t.ownerId === null,
    mine: t.ownerId === p.userId,
    version: t.version,
    questionCount: t.questionCount,
    measure: t.measure,
    editable: canEdit(p, t.ownerId),
  }));
}

export async function latestVersion(
  p: Principal,
  templateId: string,
  on: DbOrTx = db,
): Promise<FormTemplateVersion & { editable: boolean }> {
  if (!isUuid(templateId)) throw new NotFoundError();
  const [row] = await on
    .select({ v: formTemplateVersions, ownerId: formTemplates.ownerId })
    .from(formTemplateVersions)
    .innerJoin(formTemplates, eq(formTemplates.id, formTemplateVersions.templateId))
    .where(and(eq(formTemplates.id, templateId), isNull(formTemplates.archivedAt), templateScope(p)))
    .orderBy(desc(formTemplateVersions.version))
    .limit(1);
  if (!row) throw new NotFoundError();
  return { ...row.v, editable: canEdit(p, row.ownerId) };
}

/**
 * Saves a template as a new version (docs/product.md, Forms: builder): versions are never changed, and sent forms point at the
 * version they were sent with, so editing never changes a form already sent or submitted.
 */
export async function saveTemplate(
  p: Principal,
  input: z.output<typeof templateSchema>,
): Promise<{ templateId: string; version: number }> {
  return db.transaction(async (tx) => {
    let templateId = input.templateId;
    let version = 1;
    let measure: FormTemplateVersion["measure"] = null;
    if (templateId) {
      const current = await latestVersion(p, templateId, tx);
      if (!current.editable) throw new NotFoundError();
      version = current.version + 1;
      measure = current.measure;
      await tx
        .update(formTemplates)
        .set({ title: input.title, updatedAt: now() })
        .where(eq(formTemplates.id, templateId));
    } else {
      const [t] = await tx
        .insert(formTemplates)
        .values({ ownerId: p.userId, title: input.title, createdAt: now(), updatedAt: now() })
        .returning({ id: formTemplates.id });
      templateId = t.id;
    }
    await tx.insert(formTemplateVersions).values({
      templateId,
      version,
      title: input.title,
      description: input.description || null,
      measure,
      questions: input.questions,
      createdById: p.userId,
      createdAt: now(),
    });
    await audit(
      {
        action: version === 1 ? "forms.template_create" : "forms.template_update",
        actor: p,
        targetType: "form_template",
        targetId: templateId,
        detail: { version },
      },
      tx,
    );
    return { templateId, version };
  });
}

/** JSON with object keys sorted: jsonb hands keys back in its own order. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v && typeof v === "object")
    return `{${Object.keys(v)
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  return JSON.stringify(v);
}

/**
 * Seeds the library (docs/product.md, Forms: library). Idempotent by library key. When the library's questions
 * change (e.g. consents gained "must agree"), a practice whose library template was never edited by staff gets
 * them as a new version; forms already sent keep the version they were sent with.
 */
export async function seedFormLibrary(tx: DbOrTx): Promise<void> {
  for (const t of LIBRARY) {
    const [row] = await tx
      .insert(formTemplates)
      .values({ libraryKey: t.key, title: t.title })
      .onConflictDoNothing({ target: formTemplates.libraryKey })
      .returning({ id: formTemplates.id });
    if (!row) {
      const [latest] = await tx
        .select({
          templateId: formTemplateVersions.templateId,
          version: formTemplateVersions.version,
          questions: formTemplateVersions.questions,
          createdById: formTemplateVersions.createdById,
        })
        .from(formTemplateVersions)
        .innerJoin(formTemplates, eq(formTemplates.id, formTemplateVersions.templateId))
        .where(eq(formTemplates.libraryKey, t.key))
        .orderBy(desc(formTemplateVersions.version))
        .limit(1);
      if (latest && latest.createdById === null && canonical(latest.questions) !== canonical(t.questions))
        await tx.insert(formTemplateVersions).values({
          templateId: latest.templateId,
          version: latest.version + 1,
          title: t.title,
          description: t.description,
          measure: t.measure ?? null,
          questions: t.questions,
        });
      continue;
    }
    await tx.insert(formTemplateVersions).values({
      templateId: row.id,
      version: 1,
      title: t.title,
      description: t.description,
      measure: t.measure ?? null,
      questions: t.questions,
    });
  }
}
