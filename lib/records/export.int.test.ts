import { Readable } from "node:stream";
import { and, eq } from "drizzle-orm";
import { unzipSync, strFromU8 } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { auditLog, emailOutbox, recordsExports } from "@/db/schema";
import { DEMO } from "@/lib/demo/seed";
import { libraryTemplateId, makeClient, principalFor, type TestPrincipal } from "@/lib/test/auth-fixtures";
import { receiveUpload } from "@/lib/documents";
import { sendForms, submitResponse } from "@/lib/forms/responses";
import { itemIds } from "@/lib/forms/scoring";
import { recordService } from "@/lib/billing/services";
import { createInvoice, sendInvoice } from "@/lib/billing/invoices";
import { sendMessage } from "@/lib/messaging/messages";
import { restoreClock, setNow } from "@/lib/test/clock";
import {
  EXPORT_TTL_MS,
  getRecordsExport,
  openRecordsExport,
  recordsExportsIdle,
  requestRecordsExport,
  SECTIONS,
} from "./export";

async function readAll(s: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of s) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}
const PDF = (n: number) =>
  Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% file ${n}\ntrailer << /Root 1 0 R >>\n%%EOF\n`);

let ana: TestPrincipal, sam: TestPrincipal, admin: TestPrincipal;
beforeAll(async () => {
  ana = await principalFor(DEMO.ana);
  sam = await principalFor(DEMO.sam);
  admin = await principalFor(DEMO.admin);
});

/** A client of Ana's with one submitted form, one uploaded document, one sent invoice and one message. */
async function seededClient(tag: string) {
  const { user, profile } = await makeClient(tag);
  const client = await principalFor(user.email, "test", profile.id);
  const { ids } = await sendForms(ana, { profileId: profile.id, templateIds: [await libraryTemplateId("gad7")] });
  await submitResponse(client, ids[0], Object.fromEntries(itemIds("gad7").map((q) => [q, "1"])));
  await receiveUpload(client, { body: Readable.from([PDF(0)]), fileName: "referral letter.pdf" });
  const s = await recordService(ana, {
    profileId: profile.id,
    dateOfService: "2026-11-02",
    cptCode: "90834",
    modifiers: [],
    placeOfService: "11",
    units: 1,
    fee: 150,
    diagnosisCodes: [],
  });
  const inv = await createInvoice(ana, { profileId: profile.id, serviceIds: [s.id] });
  await sendInvoice(ana, inv.id);
  await sendMessage(client, { profileId: profile.id, body: "Thank you for today." });
  return { user, profile, client };
}

describe("a client's records export", () => {
  it("holds every section, each linked from index.html; only the requester may follow or download it; audited", async () => {
    const { profile, user } = await seededClient("export");
    const { id } = await requestRecordsExport(ana, profile.id);
    await recordsExportsIdle();

    const view = await getRecordsExport(ana, id);
    expect(view.status).toBe("ready");
    expect(view.done).toBe(view.total);

    const { stream, fileName } = await openRecordsExport(ana, id);
    expect(fileName).toMatch(/^records-export-\d{4}-\d{2}-\d{2}\.zip$/);
    const files = unzipSync(new Uint8Array(await readAll(stream)));
    const names = Object.keys(files);
    const index = strFromU8(files["index.html"]);
    for (const section of SECTIONS) expect(index).toContain(`<h2>${section}</h2>`);

    const form = names.find((n) => n.startsWith("forms/") && n.endsWith(".pdf"));
    const doc = names.find((n) => n.startsWith("documents/uploaded/"));
    const invoice = names.find((n) => n.startsWith("billing/invoices/"));
    expect(form).toBeDefined();
    expect(doc).toBe("documents/uploaded/referral letter.pdf");
    expect(Buffer.from(files[doc!]).equals(PDF(0))).toBe(true);
    expect(invoice).toMatch(/invoice-INV-\d+\.pdf$/);
    expect(names).toEqual(
      expect.arrayContaining([
        "profile.html",
        "messages/secure-messages.pdf",
        "billing/payments.csv",
        "audit-trail.csv",
      ]),
    );
    for (const n of [
      form!,
      doc!,
      invoice!,
      "profile.html",
      "messages/secure-messages.pdf",
      "billing/payments.csv",
      "audit-trail.csv",
    ]) {
      expect(index, n).toContain(`href="${encodeURI(n)}"`);
      expect(strFromU8(files[n].subarray(0, 5)), n).not.toBe("");
    }
    expect(strFromU8(files["profile.html"])).toContain(profile.legalName);
    const audit = strFromU8(files["audit-trail.csv"]);
    expect(audit).toContain("forms.submit");
    expect(audit).toContain("records.export_requested");

    // Others: not found — another clinician, the admin (not the requester), and the client.
    const client = await principalFor(user.email, "test", profile.id);
    for (const other of [sam, admin, client]) {
      await expect(getRecordsExport(other, id)).rejects.toMatchObject({ status: 404 });
      await expect(openRecordsExport(other, id)).rejects.toMatchObject({ status: 404 });
    }
    // An outsider cannot ask for one either.
    await expect(requestRecordsExport(sam, profile.id)).rejects.toMatchObject({ status: 404 });

    const rows = await db
      .select({ action: auditLog.action, actor: auditLog.actorUserId })
      .from(auditLog)
      .where(and(eq(auditLog.targetType, "records_export"), eq(auditLog.targetId, id)));
    expect(rows.map((r) => r.action).sort()).toEqual([
      "records.export_built",
      "records.export_downloaded",
      "records.export_requested",
    ]);

    // The ready email: fixed wording, a link to the status page, nothing about whose records.
    const [mail] = await db
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.to, DEMO.ana), eq(emailOutbox.template, "records-export-ready")))
      .orderBy(emailOutbox.createdAt);
    expect(mail.subject).toBe("Your records export is ready");
    expect(JSON.stringify(mail.props)).not.toContain(profile.legalName);
    expect(JSON.stringify(mail.props)).toContain(`/records-export/${id}`);

    // After 7 days it is gone: the page says expired, the download is 404.
    setNow(new Date(Date.now() + EXPORT_TTL_MS + 60_000));
    try {
      expect((await getRecordsExport(ana, id)).status).toBe("expired");
      await expect(openRecordsExport(ana, id)).rejects.toMatchObject({ status: 404 });
    } finally {
      restoreClock();
    }
  });

  it("the client exports a profile they may act for; staff-only columns are left out of their audit trail", async () => {
    const { profile, client } = await seededClient("export-self");
    const { id } = await requestRecordsExport(client, profile.id);
    await recordsExportsIdle();
    const files = unzipSync(new Uint8Array(await readAll((await openRecordsExport(client, id)).stream)));
    expect(Object.keys(files)).toContain("documents/uploaded/referral letter.pdf");
    const header = strFromU8(files["audit-trail.csv"]).split("\r\n")[0];
    expect(header).not.toContain("IP address");
    await expect(getRecordsExport(ana, id)).rejects.toMatchObject({ status: 404 });
  });

  it("a profile with 200 documents: the job reports its progress and finishes", async () => {
    const { profile, client } = await makeClient("export-big").then(async (c) => ({
      ...c,
      client: await principalFor(c.user.email, "test", c.profile.id),
    }));
    for (let i = 0; i < 200; i++) {
      await receiveUpload(client, { body: Readable.from([PDF(i)]), fileName: `scan ${i}.pdf` });
    }
    const { id } = await requestRecordsExport(ana, profile.id);
    // Asking again while it is being built follows the same export.
    expect((await requestRecordsExport(ana, profile.id)).id).toBe(id);
    const seen: number[] = [];
    for (;;) {
      const [row] = await db.select().from(recordsExports).where(eq(recordsExports.id, id));
      if (row.total) seen.push(row.done);
      if (row.status === "ready" || row.status === "failed") break;
      await new Promise((r) => setTimeout(r, 10));
    }
    await recordsExportsIdle();
    const view = await getRecordsExport(ana, id);
    expect(view.status).toBe("ready");
    // profile + 200 documents + payments + audit trail
    expect(view.total).toBe(203);
    expect(view.done).toBe(203);
    // Progress moved through values between none and all while it ran.
    expect(seen.some((d) => d > 0 && d < 203)).toBe(true);
    const files = unzipSync(new Uint8Array(await readAll((await openRecordsExport(ana, id)).stream)));
    const docs = Object.keys(files).filter((n) => n.startsWith("documents/uploaded/"));
    expect(docs).toHaveLength(200);
  });
});
