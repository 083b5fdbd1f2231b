import "server-only";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { and, asc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { db, execRows } from "@/db";
import { auditLog, clientProfiles, recordsExports, users, type ClientProfile, type RecordsExport } from "@/db/schema";
import { audit } from "@/lib/audit/write";
import { csvRow } from "@/lib/audit/csv";
import { DAY, MINUTE, now } from "@/lib/core/clock";
import { NotFoundError } from "@/lib/core/errors";
import { log } from "@/lib/core/log";
import type { Principal } from "@/lib/core/principal";
import { isStaff } from "@/lib/core/principal";
import { dateInZone, formatDate, formatDateTime } from "@/lib/core/time";
import { isUuid } from "@/lib/core/validation";
import { getPracticeSettings } from "@/lib/practice/settings";
import { findProfile } from "@/lib/profiles/access";
import { storeFor } from "@/lib/storage";
import { decryptStream, encryptStream } from "@/lib/storage/encryption";
import { commitStaged, discardStaged, openStagingWrite } from "@/lib/storage/staging";
import { enqueueEmail, appUrl } from "@/lib/email/outbox";
import { listProfileResponses, getResponse } from "@/lib/forms/responses";
import { renderResponsePdf } from "@/lib/forms/pdf";
import { findDocument, listProfileDocuments } from "@/lib/documents/queries";
import { verifyingStream } from "@/lib/documents/download";
import { nameForType, sanitizeFileName } from "@/lib/documents/names";
import { listInvoices } from "@/lib/billing/invoices";
import { listStatements } from "@/lib/billing/statements";
import { listSuperbills } from "@/lib/billing/superbills";
import { downloadBillingPdf } from "@/lib/billing/pdf/render";
import { formatCents } from "@/lib/billing/money";
import { invoiceNumberLabel } from "@/lib/billing/format";
import { listReceipts } from "@/lib/payments/receipts";
import { findProfileConversation, readThread } from "@/lib/messaging/messages";
import { renderConversationPdf } from "@/lib/messaging/pdf";
import { describeAuditRows, type AuditRow } from "@/lib/dashboard/admin-logs";
import { indexHtml, profileHtml, type IndexEntry } from "./index-page";
import { ZipWriter } from "./zip";

/** How long a finished export can be downloaded (docs/decisions.md, "A client's records export"). */
export const EXPORT_TTL_MS = 7 * DAY;
/** A job whose builder died (its lease not renewed by progress for this long) is picked up again. */
export const EXPORT_LEASE_MS = 15 * MINUTE;
/** The sections every export lists in its index, in this order (each may be empty for a profile). */
export const SECTIONS = [
  "Profile details",
  "Form responses",
  "Documents",
  "Messages",
  "Invoices",
  "Statements",
  "Superbills",
  "Payments",
  "Audit trail",
] as const;
export type Section = (typeof SECTIONS)[number];

export type ExportView = Pick<
  RecordsExport,
  "id" | "profileId" | "done" | "total" | "createdAt" | "completedAt" | "expiresAt" | "sizeBytes"
> & { status: RecordsExport["status"] | "expired"; profileName: string };

/** Where a requester follows an export: the staff client page or the portal. */
export function exportHref(p: Pick<Principal, "role">, e: { id: string; profileId: string }): string {
  return isStaff(p) ? `/dashboard/clients/${e.profileId}/records-export/${e.id}` : `/portal/records-export/${e.id}`;
}

/**
 * Asks for an export of everything held for a profile. Staff in the profile's scope and the client (a profile
 * they may act for) may; anyone else gets NotFoundError. The job row and its audit row commit together; the
 * build starts in the background at once.
 */
export async function requestRecordsExport(p: Principal, profileId: string): Promise<{ id: string }> {
  const profile = await findProfile(p, profileId);
  // One at a time per person and profile: asking again while one is being built follows that one.
  const [pending] = await db
    .select({ id: recordsExports.id })
    .from(recordsExports)
    .where(
      and(
        eq(recordsExports.profileId, profile.id),
        eq(recordsExports.requestedById, p.userId),
        sql`${recordsExports.status} in ('queued', 'running')`,
      ),
    )
    .limit(1);
  if (pending) {
    kickRecordsExports();
    return { id: pending.id };
  }
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(recordsExports)
      .values({
        profileId: profile.id,
        requestedById: p.userId,
        requestedByRole: p.role,
        expiresAt: new Date(now().getTime() + EXPORT_TTL_MS),
        createdAt: now(),
      })
      .returning({ id: recordsExports.id });
    await audit(
      {
        action: "records.export_requested",
        actor: p,
        profileId: profile.id,
        targetType: "records_export",
        targetId: row.id,
      },
      tx,
    );
    return row.id;
  });
  void sweepExpiredExports().catch((e) => log.error("expired records exports sweep failed", e));
  kickRecordsExports();
  return { id };
}

/** One export, for its requester only (everyone else: NotFoundError, as for what does not exist). */
export async function getRecordsExport(p: Principal, id: string): Promise<ExportView> {
  if (!isUuid(id)) throw new NotFoundError();
  const [row] = await db
    .select({ e: recordsExports, legalName: clientProfiles.legalName, preferredName: clientProfiles.preferredName })
    .from(recordsExports)
    .innerJoin(clientProfiles, eq(clientProfiles.id, recordsExports.profileId))
    .where(and(eq(recordsExports.id, id), eq(recordsExports.requestedById, p.userId)))
    .limit(1);
  if (!row) throw new NotFoundError();
  // The requester must still reach the profile (access revoked since: gone).
  await findProfile(p, row.e.profileId);
  const e = row.e;
  const expired = e.expiresAt <= now();
  return {
    id: e.id,
    profileId: e.profileId,
    profileName: row.preferredName ?? row.legalName,
    status: expired ? "expired" : e.status,
    done: e.done,
    total: e.total,
    createdAt: e.createdAt,
    completedAt: e.completedAt,
    expiresAt: e.expiresAt,
    sizeBytes: e.sizeBytes,
  };
}

/** The finished zip, decrypted, for its requester only; audited as a download of PHI. */
export async function openRecordsExport(
  p: Principal,
  id: string,
): Promise<{ fileName: string; sizeBytes: number | null; stream: Readable }> {
  const view = await getRecordsExport(p, id);
  if (view.status !== "ready") throw new NotFoundError();
  const [row] = await db.select().from(recordsExports).where(eq(recordsExports.id, id));
  if (!row.storageBackend || !row.storageKey) throw new NotFoundError();
  const raw = await storeFor(row.storageBackend).get(row.storageKey);
  await audit({
    action: "records.export_downloaded",
    actor: p,
    profileId: row.profileId,
    targetType: "records_export",
    targetId: row.id,
  });
  const plain = raw.pipe(decryptStream(row.id));
  raw.on("error", (e) => plain.destroy(e));
  // The file name carries no PHI (docs/product.md, no PHI in URLs): the day it was made.
  return {
    fileName: `records-export-${dateInZone(row.createdAt, "UTC")}.zip`,
    sizeBytes: row.sizeBytes,
    stream: plain,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The builder

let running: Promise<void> | null = null;

/**
 * Starts the builder in this process if it is idle: it claims runnable jobs (queued, or running with a lapsed
 * lease: a builder that died) one at a time until none is left. Safe to call often (the status page calls it).
 */
export function kickRecordsExports(): void {
  if (running) return;
  running = (async () => {
    try {
      for (;;) {
        const job = await claimNext();
        if (!job) break;
        await buildExport(job);
      }
    } catch (e) {
      log.error("records export builder stopped", e);
    } finally {
      running = null;
    }
  })();
}

/** Waits for the builder to go idle (tests, shutdown). */
export async function recordsExportsIdle(): Promise<void> {
  while (running) await running;
}

async function claimNext(): Promise<RecordsExport | null> {
  const t = now();
  const rows = await execRows<{ id: string }>(sql`
    update ${recordsExports} set status = 'running', lease_until = ${new Date(t.getTime() + EXPORT_LEASE_MS).toISOString()}::timestamptz
    where id = (
      select id from ${recordsExports}
      where (status = 'queued' or (status = 'running' and lease_until < ${t.toISOString()}::timestamptz))
        and expires_at > ${t.toISOString()}::timestamptz
      order by created_at limit 1 for update skip locked
    )
    returning id`);
  const id = rows[0]?.id;
  if (!id) return null;
  const [job] = await db.select().from(recordsExports).where(eq(recordsExports.id, id));
  return job ?? null;
}

/** The requester, as the data layer knows them: every read of the build goes through the same scoped functions. */
function requesterOf(job: RecordsExport): Principal {
  const role = job.requestedByRole as Principal["role"];
  return {
    userId: job.requestedById,
    email: "",
    name: null,
    role,
    sessionId: `records-export:${job.id}`,
    activeProfileId: role === "client" ? job.profileId : null,
  };
}

type Item = { section: Section; label: string; run: (zip: ZipWriter, entries: IndexEntry[]) => Promise<void> };

async function buildExport(job: RecordsExport): Promise<void> {
  const p = requesterOf(job);
  let staged = false;
  try {
    const profile = await findProfile(p, job.profileId, db);
    const practice = await getPracticeSettings();
    const items = await planItems(p, profile, practice.name, practice.timeZone);
    await db.update(recordsExports).set({ total: items.length, done: 0 }).where(eq(recordsExports.id, job.id));

    const zip = new ZipWriter();
    // A builder that died may have left its staging file: start over.
    await discardStaged(job.id);
    const file = await openStagingWrite(job.id);
    staged = true;
    const written = pipeline(zip.stream, encryptStream(job.id), file);
    written.catch(() => {}); // awaited below; an early failure must not go unhandled meanwhile
    const entries: IndexEntry[] = [];
    let done = 0;
    let lastSaved = Date.now();
    try {
      for (const item of items) {
        await item.run(zip, entries);
        done++;
        // Progress for the status page: every 10 items or half second, and at the end.
        if (done % 10 === 0 || Date.now() - lastSaved > 500 || done === items.length) {
          lastSaved = Date.now();
          // Each save renews the lease, so a long build is not claimed again by another server.
          await db
            .update(recordsExports)
            .set({ done, leaseUntil: new Date(now().getTime() + EXPORT_LEASE_MS) })
            .where(eq(recordsExports.id, job.id));
        }
      }
      await zip.add(
        "index.html",
        indexHtml({
          practiceName: practice.name,
          profileName: profile.preferredName ?? profile.legalName,
          createdAt: formatDateTime(now(), practice.timeZone),
          sections: SECTIONS,
          entries,
        }),
        { compress: true },
      );
      zip.end();
    } catch (e) {
      zip.abort(e instanceof Error ? e : new Error(String(e)));
      throw e;
    }
    await written;
    const { backend, key } = await commitStaged(job.id);
    staged = false;
    const size = zip.bytes;
    await db.transaction(async (tx) => {
      await tx
        .update(recordsExports)
        .set({
          status: "ready",
          done: items.length,
          storageBackend: backend,
          storageKey: key,
          sizeBytes: size,
          completedAt: now(),
          leaseUntil: null,
        })
        .where(eq(recordsExports.id, job.id));
      await audit(
        {
          action: "records.export_built",
          actorUserId: null,
          actorRole: "system",
          profileId: job.profileId,
          targetType: "records_export",
          targetId: job.id,
          detail: { items: entries.length },
          ip: null,
        },
        tx,
      );
      const [requester] = await tx.select({ email: users.email }).from(users).where(eq(users.id, job.requestedById));
      if (requester) {
        await enqueueEmail(tx, {
          to: requester.email,
          template: "records-export-ready",
          props: { url: appUrl(exportHref(p, job)) },
          userId: job.requestedById,
        });
      }
    });
  } catch (e) {
    log.error("records export failed", e);
    if (staged) await discardStaged(job.id).catch(() => {});
    await db
      .update(recordsExports)
      .set({ status: "failed", error: e instanceof NotFoundError ? "no_access" : "error", leaseUntil: null })
      .where(eq(recordsExports.id, job.id));
    await audit({
      action: "records.export_failed",
      actorRole: "system",
      profileId: job.profileId,
      targetType: "records_export",
      targetId: job.id,
      ip: null,
    }).catch(() => {});
  }
}

/** A file name inside the zip that is unique among `used`: "letter.pdf", "letter (2).pdf", … */
function uniqueName(dir: string, name: string, used: Set<string>): string {
  const dot = name.lastIndexOf(".");
  const stem = dot > 0 ? name.slice(0, dot) : name;
  const ext = dot > 0 ? name.slice(dot) : "";
  let candidate = `${dir}/${name}`;
  for (let i = 2; used.has(candidate.toLowerCase()); i++) candidate = `${dir}/${stem} (${i})${ext}`;
  used.add(candidate.toLowerCase());
  return candidate;
}

/** Everything the export will hold, listed first so the job knows its total. Each item writes its own entries. */
async function planItems(
  p: Principal,
  profile: ClientProfile,
  practiceName: string,
  timeZone: string,
): Promise<Item[]> {
  const used = new Set<string>();
  const items: Item[] = [];
  const profileName = profile.preferredName ?? profile.legalName;

  items.push({
    section: "Profile details",
    label: "Profile details",
    run: async (zip, entries) => {
      const clinician = await db.select({ name: users.name }).from(users).where(eq(users.id, profile.clinicianId));
      await zip.add("profile.html", profileHtml(profile, clinician[0]?.name ?? null), { compress: true });
      entries.push({ section: "Profile details", label: "Profile details", href: "profile.html" });
    },
  });

  const responses = (await listProfileResponses(p, profile.id)).filter((r) => r.status === "submitted");
  for (const r of responses) {
    const day = r.submittedAt ? formatDate(r.submittedAt, timeZone) : "";
    items.push({
      section: "Form responses",
      label: `${r.title} (${day})`,
      run: async (zip, entries) => {
        const detail = await getResponse(p, r.id, { purpose: "pdf" });
        const name = uniqueName(
          "forms",
          sanitizeFileName(`${r.title} ${r.submittedAt ? dateInZone(r.submittedAt, timeZone) : ""}.pdf`),
          used,
        );
        await zip.add(name, await renderResponsePdf(detail, practiceName, timeZone));
        entries.push({ section: "Form responses", label: `${r.title}, submitted ${day}`, href: name });
      },
    });
  }

  const docs = await listProfileDocuments(p, profile.id);
  for (const d of [...docs.shared, ...docs.uploaded]) {
    const dir = d.direction === "shared" ? "documents/shared" : "documents/uploaded";
    items.push({
      section: "Documents",
      label: d.fileName,
      run: async (zip, entries) => {
        const doc = await findDocument(p, d.id);
        const raw = await storeFor(doc.storageBackend).get(doc.storageKey);
        const plain = raw.pipe(decryptStream(doc.id));
        raw.on("error", (e) => plain.destroy(e));
        const checked = plain.pipe(verifyingStream(doc.sha256));
        plain.on("error", (e) => checked.destroy(e));
        const name = uniqueName(dir, nameForType(sanitizeFileName(doc.fileName), doc.mimeType), used);
        await zip.addStream(name, checked);
        const how = d.direction === "shared" ? "shared by the practice" : "uploaded by the client";
        entries.push({
          section: "Documents",
          label: `${doc.fileName} (${how}, ${formatDate(doc.createdAt, timeZone)})`,
          href: name,
        });
      },
    });
  }

  const { conversation } = await findProfileConversation(p, profile.id);
  if (conversation) {
    items.push({
      section: "Messages",
      label: "Secure messages",
      run: async (zip, entries) => {
        const thread = await readThread(p, conversation.id, { purpose: "pdf" });
        const name = "messages/secure-messages.pdf";
        await zip.add(name, await renderConversationPdf(profileName, thread.messages, practiceName, timeZone));
        entries.push({ section: "Messages", label: `Secure messages (${thread.messages.length})`, href: name });
      },
    });
  }

  const billingItem = (section: Section, kind: "invoices" | "statements" | "superbills", id: string, label: string) =>
    items.push({
      section,
      label,
      run: async (zip, entries) => {
        const pdf = await downloadBillingPdf(p, kind, id);
        const name = uniqueName(`billing/${kind}`, pdf.filename, used);
        await zip.add(name, pdf.bytes);
        entries.push({ section, label, href: name });
      },
    });
  for (const i of await listInvoices(p, profile.id)) {
    billingItem("Invoices", "invoices", i.id, `Invoice ${invoiceNumberLabel(i.number)} (${i.status})`);
  }
  for (const s of await listStatements(p, profile.id)) {
    billingItem("Statements", "statements", s.id, `Statement ${s.periodStart} to ${s.periodEnd}`);
  }
  for (const s of await listSuperbills(p, profile.id)) {
    billingItem("Superbills", "superbills", s.id, `Superbill ${s.periodStart} to ${s.periodEnd}`);
  }

  items.push({
    section: "Payments",
    label: "Payments",
    run: async (zip, entries) => {
      const rows = await listReceipts(p, profile.id);
      let csv = csvRow(["Received on", "Amount", "Method", "Invoice"]);
      for (const r of rows)
        csv += csvRow([r.receivedOn, formatCents(r.amountCents), r.method, invoiceNumberLabel(r.invoiceNumber)]);
      await zip.add("billing/payments.csv", csv, { compress: true });
      entries.push({ section: "Payments", label: `Payments (${rows.length})`, href: "billing/payments.csv" });
    },
  });

  items.push({
    section: "Audit trail",
    label: "Audit trail",
    run: async (zip, entries) => {
      const n = await writeAuditTrail(p, profile.id, zip, timeZone);
      entries.push({ section: "Audit trail", label: `Audit trail (${n} entries)`, href: "audit-trail.csv" });
    },
  });
  return items;
}

const AUDIT_BATCH = 1000;

/**
 * The profile's audit trail as CSV: every entry about this profile, oldest first, each with the log's sentence.
 * A client's copy leaves out staff email addresses and IP addresses (they are about staff, not the client).
 */
async function writeAuditTrail(p: Principal, profileId: string, zip: ZipWriter, timeZone: string): Promise<number> {
  const actor = alias(users, "actor");
  const staff = isStaff(p);
  let csv = csvRow(
    staff
      ? ["When", "What happened", "Action", "Who (role)", "Who (email)", "IP address", "Target", "Target id"]
      : ["When", "What happened", "Action", "Who (role)", "Target"],
  );
  let lastId = 0;
  let count = 0;
  for (;;) {
    const rows: Omit<AuditRow, "cursorKey">[] = await db
      .select({
        id: auditLog.id,
        at: auditLog.at,
        action: auditLog.action,
        actorUserId: auditLog.actorUserId,
        actorRole: auditLog.actorRole,
        actorEmail: actor.email,
        subject: auditLog.subject,
        profileId: auditLog.profileId,
        profileName: clientProfiles.legalName,
        targetType: auditLog.targetType,
        targetId: auditLog.targetId,
        ip: auditLog.ip,
        detail: auditLog.detail,
      })
      .from(auditLog)
      .leftJoin(actor, eq(actor.id, auditLog.actorUserId))
      .leftJoin(clientProfiles, eq(clientProfiles.id, auditLog.profileId))
      .where(and(eq(auditLog.profileId, profileId), sql`${auditLog.id} > ${lastId}`))
      .orderBy(asc(auditLog.id))
      .limit(AUDIT_BATCH);
    if (!rows.length) break;
    for (const r of await describeAuditRows(rows)) {
      const when = formatDateTime(r.at, timeZone);
      csv += csvRow(
        staff
          ? [when, r.sentence, r.action, r.actorRole, r.actorEmail, r.ip, r.targetType, r.targetId]
          : [when, r.sentence, r.action, r.actorRole, r.targetType],
      );
    }
    count += rows.length;
    lastId = rows[rows.length - 1].id;
    if (rows.length < AUDIT_BATCH) break;
  }
  await zip.add("audit-trail.csv", csv, { compress: true });
  return count;
}

/** Deletes the stored zips of expired exports (called when an export is requested; local strays are swept too). */
export async function sweepExpiredExports(): Promise<number> {
  const t = now().toISOString();
  const rows = await db
    .select()
    .from(recordsExports)
    .where(and(sql`${recordsExports.expiresAt} <= ${t}::timestamptz`, eq(recordsExports.status, "ready")));
  let removed = 0;
  for (const r of rows) {
    if (r.storageBackend && r.storageKey) {
      await storeFor(r.storageBackend)
        .delete(r.storageKey)
        .catch(() => {});
    }
    await db
      .update(recordsExports)
      .set({ storageKey: null, storageBackend: null, status: "failed", error: "expired" })
      .where(eq(recordsExports.id, r.id));
    removed++;
  }
  return removed;
}
