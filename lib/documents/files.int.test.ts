import fs from "node:fs";
import { Readable } from "node:stream";
import { beforeAll, describe, expect, it } from "vitest";
import { and, eq, isNull } from "drizzle-orm";
import { principalFor, type TestPrincipal } from "@/lib/test/auth-fixtures";
import { db } from "@/db";
import { auditLog, documents } from "@/db/schema";
import { DEMO } from "@/lib/demo/seed";
import { localStore } from "@/lib/storage/local";
import { listNewUploads, openDownload, openPreview, receiveUpload, removeUpload, staffDocumentHref } from "./index";
import { findDocument, listProfileDocuments, newUploadsCount, newUploadsTodo } from "./queries";
import { contentDisposition } from "./names";
import { loadTodos } from "@/lib/dashboard/todos";

/** docs/decisions.md, Files: naming uploads, removing them, staff previews, and to-dos that lead to the item. */

const body = (b: Buffer | string) => Readable.from([Buffer.from(b)]);
async function readAll(s: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of s) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}
const JPEG = Buffer.concat([
  Buffer.from([
    0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00,
    0x00,
  ]),
  Buffer.alloc(64, 0x11),
  Buffer.from([0xff, 0xd9]),
]);
const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

async function upload(p: TestPrincipal, bytes: Buffer, fileName: string): Promise<string> {
  const r = await receiveUpload(p, { body: body(bytes), fileName });
  if (r.kind !== "document") throw new Error("expected a document");
  return r.id;
}
async function row(id: string) {
  const [d] = await db.select().from(documents).where(eq(documents.id, id));
  return d;
}
async function auditCount(action: string, targetId: string) {
  const rows = await db
    .select({ id: auditLog.id })
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.targetId, targetId)));
  return rows.length;
}

let jordanOnCouple: TestPrincipal, casey: TestPrincipal, pat: TestPrincipal, ana: TestPrincipal;
let sam: TestPrincipal, alex: TestPrincipal;
beforeAll(async () => {
  jordanOnCouple = await principalFor(DEMO.jordan, "test", DEMO.profiles.jordanCasey);
  casey = await principalFor(DEMO.casey, "test", DEMO.profiles.jordanCasey);
  pat = await principalFor(DEMO.pat, "test", DEMO.profiles.pat);
  alex = await principalFor(DEMO.alex, "test", DEMO.profiles.alex);
  ana = await principalFor(DEMO.ana);
  sam = await principalFor(DEMO.sam);
});

describe("the client names each upload", () => {
  it("stores the given name with the verified type's extension, shows it to both sides and downloads under it", async () => {
    const id = await upload(jordanOnCouple, JPEG, "Insurance card (front)");
    expect((await row(id)).fileName).toBe("Insurance card (front).jpg");
    const mine = await listProfileDocuments(casey, DEMO.profiles.jordanCasey);
    expect(mine.uploaded.find((d) => d.id === id)?.fileName).toBe("Insurance card (front).jpg");
    const staff = await listProfileDocuments(ana, DEMO.profiles.jordanCasey);
    expect(staff.uploaded.find((d) => d.id === id)?.fileName).toBe("Insurance card (front).jpg");
    const { doc, stream } = await openDownload(ana, id);
    stream.destroy();
    expect(contentDisposition(doc.fileName)).toBe(
      `attachment; filename="Insurance card (front).jpg"; filename*=UTF-8''Insurance%20card%20%28front%29.jpg`,
    );
  });

  it("refuses an empty or over-long name at the Name field and keeps nothing", async () => {
    for (const [name, message] of [
      ["   ", "Give the file a name."],
      ["x".repeat(101), "Keep the name to 100 characters or fewer."],
      ["a|b.jpg", 'A name cannot contain any of < > : " | ? *.'],
    ]) {
      await expect(receiveUpload(jordanOnCouple, { body: body(JPEG), fileName: name })).rejects.toMatchObject({
        status: 400,
        fieldErrors: { name: [message] },
      });
    }
  });
});

describe("a client removes their own upload until staff open it", () => {
  it("only the uploader may remove (not the partner, not an outsider); removal hides it everywhere, deletes the object and is audited", async () => {
    const id = await upload(jordanOnCouple, PDF, "wrong-file.pdf");
    const stored = await row(id);
    const objectPath = localStore().objectPath(stored.storageKey);
    expect(fs.existsSync(objectPath)).toBe(true);

    // Casey, Jordan's partner on the couple profile, sees it but cannot remove it: removing is the uploader's.
    await expect(removeUpload(casey, id)).rejects.toMatchObject({
      status: 409,
      message: "Only the person who uploaded this file can remove it.",
    });
    // Pat cannot even tell it exists; staff have no Remove (a client action).
    await expect(removeUpload(pat, id)).rejects.toMatchObject({ status: 404 });
    await expect(removeUpload(ana, id)).rejects.toMatchObject({ status: 404 });

    const newBefore = await newUploadsCount(ana);
    await removeUpload(jordanOnCouple, id);
    const after = await row(id);
    expect(after.removedAt).not.toBeNull();
    expect(after.removedById).toBe(jordanOnCouple.userId);
    expect(fs.existsSync(objectPath)).toBe(false);
    expect(await auditCount("document.remove", id)).toBe(1);
    expect(await newUploadsCount(ana)).toBe(newBefore - 1);
    for (const p of [jordanOnCouple, casey, ana]) {
      const list = await listProfileDocuments(p, DEMO.profiles.jordanCasey);
      expect(list.uploaded.map((d) => d.id)).not.toContain(id);
      await expect(findDocument(p, id)).rejects.toMatchObject({ status: 404 });
    }
    await expect(openDownload(ana, id)).rejects.toMatchObject({ status: 404 });
    // Removing twice is "not found", not a crash.
    await expect(removeUpload(jordanOnCouple, id)).rejects.toMatchObject({ status: 404 });
  });

  it("after a staff member downloads it, removal is refused with a clear message and the file stays", async () => {
    const id = await upload(jordanOnCouple, PDF, "referral.pdf");
    const { stream } = await openDownload(ana, id);
    await readAll(stream);
    await expect(removeUpload(jordanOnCouple, id)).rejects.toMatchObject({
      status: 409,
      message:
        "Your provider has already opened this file, so it can no longer be removed. Ask your provider if it should be deleted.",
    });
    const d = await row(id);
    expect(d.removedAt).toBeNull();
    expect(fs.existsSync(localStore().objectPath(d.storageKey))).toBe(true);
    expect(await auditCount("document.remove", id)).toBe(0);
  });

  it("a client downloading their own upload does not stop them removing it", async () => {
    const id = await upload(jordanOnCouple, PDF, "mine.pdf");
    await readAll((await openDownload(casey, id)).stream);
    await readAll((await openDownload(jordanOnCouple, id)).stream);
    await removeUpload(jordanOnCouple, id);
    expect((await row(id)).removedAt).not.toBeNull();
  });
});

describe("staff preview JPEG and PNG uploads", () => {
  it("gives staff the exact image, audited as a preview, and counts as opened (the client can no longer remove it)", async () => {
    const id = await upload(jordanOnCouple, JPEG, "card");
    const { doc, stream } = await openPreview(ana, id);
    expect(doc.mimeType).toBe("image/jpeg");
    expect((await readAll(stream)).equals(JPEG)).toBe(true);
    expect(await auditCount("document.preview", id)).toBe(1);
    expect((await row(id)).reviewedAt).not.toBeNull();
    await expect(removeUpload(jordanOnCouple, id)).rejects.toMatchObject({ status: 409 });
  });

  it("refuses a PDF, a client, and another clinician's client", async () => {
    const pdf = await upload(jordanOnCouple, PDF, "letter.pdf");
    await expect(openPreview(ana, pdf)).rejects.toMatchObject({ status: 404 });
    const img = await upload(jordanOnCouple, JPEG, "photo");
    await expect(openPreview(jordanOnCouple, img)).rejects.toMatchObject({ status: 404 });
    await expect(openDownload(jordanOnCouple, img, "preview")).rejects.toMatchObject({ status: 404 });
    await expect(openPreview(sam, img)).rejects.toMatchObject({ status: 404 });
    expect((await row(img)).reviewedAt).toBeNull();
  });

  it("never sends bytes that do not start with the declared image type's signature", async () => {
    const id = await upload(jordanOnCouple, JPEG, "mislabelled");
    await db.update(documents).set({ mimeType: "image/png" }).where(eq(documents.id, id));
    const { stream } = await openPreview(ana, id);
    await expect(readAll(stream)).rejects.toThrow();
  });
});

describe("the new-uploads to-do leads to the upload itself", () => {
  it("none → the list; one → that client's documents page with it highlighted; several → the list of new uploads", async () => {
    // Start from nothing new in Sam's scope (Alex Kim is Sam's client).
    await db.update(documents).set({ reviewedAt: new Date() }).where(isNull(documents.reviewedAt));
    const todo = async () => (await loadTodos(sam, [newUploadsTodo]))[0];
    expect(await todo()).toMatchObject({ count: 0, href: "/dashboard/documents" });

    const first = await upload(alex, PDF, "first.pdf");
    expect(await todo()).toMatchObject({ count: 1, href: staffDocumentHref(DEMO.profiles.alex, first) });
    expect(staffDocumentHref(DEMO.profiles.alex, first)).toBe(
      `/dashboard/clients/${DEMO.profiles.alex}/documents?highlight=${first}#document-${first}`,
    );

    const second = await upload(alex, PDF, "second.pdf");
    expect(await todo()).toMatchObject({ count: 2, href: "/dashboard/documents" });
    const list = await listNewUploads(sam);
    expect(list.map((u) => [u.id, u.fileName, u.profileName])).toEqual([
      [first, "first.pdf", "Alex Kim"],
      [second, "second.pdf", "Alex Kim"],
    ]);
    // Ana sees none of Sam's client's uploads.
    expect((await listNewUploads(ana)).map((u) => u.id)).not.toContain(first);

    // Removing one leaves one: the to-do leads straight to it again.
    await removeUpload(alex, second);
    expect(await todo()).toMatchObject({ count: 1, href: staffDocumentHref(DEMO.profiles.alex, first) });
  });
});
