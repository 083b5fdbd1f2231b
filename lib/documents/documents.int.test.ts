import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { principalFor, type TestPrincipal } from "@/lib/test/auth-fixtures";
import { count, eq } from "drizzle-orm";
import { db } from "@/db";
import { auditLog, documents, emailOutbox } from "@/db/schema";
import { DEMO } from "@/lib/demo/seed";
import { IntegrityError, encryptedSize } from "@/lib/storage/encryption";
import { filesRoot, localStore } from "@/lib/storage/local";
import { stagingDir, stagingPath, sweepStaging } from "@/lib/storage/staging";
import { startFakeUploadThing } from "@/lib/test/fake-uploadthing";
import { openDownload, receiveUpload, shareDocuments, withdrawDocument } from "./index";
import { listProfileDocuments, newUploadsCount } from "./queries";
import { MSG_MARKUP, MSG_TYPE } from "./inspect";
import { cleanupStrayData } from "./cleanup";
import { withRenderedBodies } from "@/lib/test/outbox";

const principal = (email: string, activeProfileId: string | null = null) =>
  principalFor(email, "test", activeProfileId);
const body = (b: Buffer | string) => Readable.from([Buffer.from(b)]);
async function readAll(s: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of s) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}
async function docCount() {
  const [r] = await db.select({ n: count() }).from(documents);
  return Number(r.n);
}
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.join(d.parentPath, d.name));
}
const PDF = (extra = "") =>
  Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n${extra}\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
// A minimal JPEG: SOI, APP0 JFIF, then EOI.
const JPEG = (extra = "") =>
  Buffer.concat([
    Buffer.from([
      0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00,
      0x00,
    ]),
    Buffer.from(extra),
    Buffer.from([0xff, 0xd9]),
  ]);

let jordan: TestPrincipal, pat: TestPrincipal, ana: TestPrincipal, sam: TestPrincipal, casey: TestPrincipal;
beforeAll(async () => {
  // DATA_DIR persists between runs: start from an empty staging area.
  await sweepStaging(0);
  jordan = await principal(DEMO.jordan, DEMO.profiles.jordan);
  casey = await principal(DEMO.casey, DEMO.profiles.jordanCasey);
  pat = await principal(DEMO.pat, DEMO.profiles.pat);
  ana = await principal(DEMO.ana);
  sam = await principal(DEMO.sam);
});

describe("uploads are checked by content while they stream", () => {
  it("refuses an SVG, an HTML file named .pdf and polyglots, with a clear message, keeping nothing", async () => {
    const before = await docCount();
    const cases: [string, Buffer, string][] = [
      [
        "drawing.svg",
        Buffer.from(`<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`),
        MSG_MARKUP,
      ],
      ["letter.pdf", Buffer.from(`<!DOCTYPE html><html><body><script>alert(1)</script></body></html>`), MSG_MARKUP],
      ["polyglot.pdf", PDF(`<html><script>alert(document.cookie)</script></html>`), MSG_MARKUP],
      ["photo.jpg", JPEG(`<html><body onload="x()"><script>alert(1)</script>`), MSG_MARKUP],
      ["archive.pdf", Buffer.from([0x50, 0x4b, 0x03, 0x04, ...Buffer.alloc(100)]), MSG_TYPE],
      ["binary.txt", Buffer.from([0x68, 0x69, 0x00, 0x01, 0xff]), MSG_TYPE],
    ];
    for (const [name, bytes, message] of cases) {
      await expect(receiveUpload(jordan, { body: body(bytes), fileName: name }), name).rejects.toMatchObject({
        status: 415,
        message,
      });
    }
    expect(await docCount()).toBe(before);
    expect(filesUnder(stagingDir())).toEqual([]);
  });

  it("accepts PDF, JPEG and plain text, typed by their bytes", async () => {
    const a = await receiveUpload(jordan, { body: body(PDF()), fileName: "referral.pdf" });
    const b = await receiveUpload(jordan, { body: body(JPEG()), fileName: "insurance-card.jpg" });
    const c = await receiveUpload(jordan, {
      body: body("Dear Ana,\nSee you Tuesday — thanks! <3\n"),
      fileName: "note.txt",
    });
    const rows = await db.select().from(documents).where(eq(documents.profileId, DEMO.profiles.jordan));
    const mimeOf = (id: string) => rows.find((r) => r.id === (id as string))?.mimeType;
    expect([a, b, c].map((r) => (r.kind === "document" ? mimeOf(r.id) : null))).toEqual([
      "application/pdf",
      "image/jpeg",
      "text/plain; charset=utf-8",
    ]);
  });

  it("refuses a client's name like ../../etc/passwd at the Name field; a staff file's name is stored sanitised", async () => {
    const before = await docCount();
    await expect(
      receiveUpload(jordan, { body: body("just text\n"), fileName: "../../etc/passwd" }),
    ).rejects.toMatchObject({ status: 400, fieldErrors: { name: ["A name cannot contain / or \\."] } });
    expect(await docCount()).toBe(before);
    const r = await receiveUpload(ana, {
      body: body("just text\n"),
      fileName: "../../etc/passwd",
      profileId: DEMO.profiles.jordan,
    });
    expect(r.kind).toBe("staged");
    const [id] = await shareDocuments(ana, {
      profileId: DEMO.profiles.jordan,
      tickets: [r.kind === "staged" ? r.ticket : ""],
    });
    const [row] = await db.select().from(documents).where(eq(documents.id, id));
    expect(row.fileName).toBe("passwd.txt");
    // The object is stored under its generated id, never under the user's name.
    expect(row.storageKey).toBe(row.id);
    expect(fs.existsSync(localStore().objectPath(row.storageKey))).toBe(true);
    expect(filesUnder(filesRoot()).some((f) => f.includes("passwd") || f.includes("etc"))).toBe(false);
    const list = await listProfileDocuments(jordan, DEMO.profiles.jordan);
    expect(list.shared.map((d) => d.fileName)).toContain("passwd.txt");
  });

  it("gives 413 to a file one byte over the practice's limit and keeps nothing; exactly at the limit is fine", async () => {
    const limit = 25 * 1024 * 1024;
    const before = await docCount();
    const objectsBefore = filesUnder(filesRoot()).length;
    const big = (n: number) =>
      Readable.from(
        (function* () {
          yield PDF();
          let left = n - PDF().length;
          while (left > 0) {
            const c = Buffer.alloc(Math.min(left, 1 << 20), 0x20);
            left -= c.length;
            yield c;
          }
        })(),
      );
    await expect(receiveUpload(jordan, { body: big(limit + 1), fileName: "big.pdf" })).rejects.toMatchObject({
      status: 413,
      message: expect.stringContaining("25 MB"),
    });
    expect(await docCount()).toBe(before);
    expect(filesUnder(filesRoot()).length).toBe(objectsBefore);
    const ok = await receiveUpload(jordan, { body: big(limit), fileName: "exact.pdf" });
    expect(ok.kind).toBe("document");
  });

  it("keeps the bytes encrypted at rest, and gives them back identical", async () => {
    const secret = "Session notes: PLAINTEXT-MARKER-7f3a — do not store in clear.\n".repeat(3000);
    const r = await receiveUpload(jordan, { body: body(secret), fileName: "notes.txt" });
    if (r.kind !== "document") throw new Error("expected a document");
    const atRest = fs.readFileSync(localStore().objectPath(r.id));
    expect(atRest.includes(Buffer.from("PLAINTEXT-MARKER"))).toBe(false);
    expect(atRest.length).toBe(encryptedSize(Buffer.byteLength(secret)));
    const { stream, doc } = await openDownload(ana, r.id);
    expect((await readAll(stream)).toString()).toBe(secret);
    expect(doc.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("errors on a tampered file instead of returning wrong bytes", async () => {
    const text = "A".repeat(200_000);
    const r = await receiveUpload(jordan, { body: body(text), fileName: "t.txt" });
    if (r.kind !== "document") throw new Error("expected a document");
    const file = localStore().objectPath(r.id);
    const bytes = fs.readFileSync(file);
    bytes[150_000] ^= 0x01;
    fs.writeFileSync(file, bytes);
    const { stream } = await openDownload(ana, r.id);
    const got: Buffer[] = [];
    await expect(
      (async () => {
        for await (const c of stream) got.push(c as Buffer);
      })(),
    ).rejects.toBeInstanceOf(IntegrityError);
    expect(Buffer.concat(got).length).toBeLessThan(text.length);
  });

  it("errors when the recorded SHA-256 does not match, never completing the download", async () => {
    const r = await receiveUpload(jordan, { body: body("B".repeat(150_000)), fileName: "h.txt" });
    if (r.kind !== "document") throw new Error("expected a document");
    await db
      .update(documents)
      .set({ sha256: "0".repeat(64) })
      .where(eq(documents.id, r.id));
    const { stream } = await openDownload(ana, r.id);
    const got: Buffer[] = [];
    await expect(
      (async () => {
        for await (const c of stream) got.push(c as Buffer);
      })(),
    ).rejects.toBeInstanceOf(IntegrityError);
    expect(Buffer.concat(got).length).toBeLessThan(150_000);
  });

  it("leaves no document row and no stored data when an upload is cut off halfway, after cleanup", async () => {
    const before = await docCount();
    const filesBefore = filesUnder(path.join(filesRoot(), "objects")).length;
    const cut = Readable.from(
      (async function* () {
        yield PDF();
        yield Buffer.alloc(2 * 1024 * 1024, 0x20);
        throw new Error("client went away");
      })(),
    );
    await expect(receiveUpload(jordan, { body: cut, fileName: "half.pdf" })).rejects.toThrow();
    await cleanupStrayData(0);
    expect(await docCount()).toBe(before);
    expect(filesUnder(stagingDir())).toEqual([]);
    expect(filesUnder(path.join(filesRoot(), "objects")).length).toBeLessThanOrEqual(filesBefore);
  });

  it("cleanup removes an object left without a row (a crash between store and commit) and keeps documents", async () => {
    const kept = await receiveUpload(jordan, { body: body("keep me\n"), fileName: "keep.txt" });
    if (kept.kind !== "document") throw new Error("expected a document");
    const strayId = "0badc0de-0000-4000-8000-000000000001";
    const stray = localStore().objectPath(strayId);
    fs.mkdirSync(path.dirname(stray), { recursive: true });
    fs.writeFileSync(stray, "orphan");
    // A second later: Date.now() is whole milliseconds and a file's mtime is finer, so "now" could be before it.
    await cleanupStrayData(0, Date.now() + 1000);
    expect(fs.existsSync(stray)).toBe(false);
    expect(fs.existsSync(localStore().objectPath(kept.id))).toBe(true);
  });
});

describe("sharing, viewing, withdrawing, and who can see what", () => {
  it("shares with the couple: both partners see it and are emailed without the file name; Pat gets not-found", async () => {
    const staged = await receiveUpload(ana, {
      body: body(PDF()),
      fileName: "welcome-packet.pdf",
      profileId: DEMO.profiles.jordanCasey,
    });
    if (staged.kind !== "staged") throw new Error("expected a ticket");
    expect(await docCount()).toBeGreaterThan(0);
    const [id] = await shareDocuments(ana, {
      profileId: DEMO.profiles.jordanCasey,
      tickets: [staged.ticket],
      note: "Please read before Tuesday",
    });

    const caseyList = await listProfileDocuments(casey, DEMO.profiles.jordanCasey);
    expect(caseyList.shared.map((d) => d.fileName)).toContain("welcome-packet.pdf");
    const jordanList = await listProfileDocuments(
      { ...jordan, activeProfileId: DEMO.profiles.jordanCasey },
      DEMO.profiles.jordanCasey,
    );
    expect(jordanList.shared.map((d) => d.id)).toContain(id);

    const mails = await withRenderedBodies(
      await db.select().from(emailOutbox).where(eq(emailOutbox.template, "document-shared")),
    );
    expect(mails.map((m) => m.to).sort()).toEqual(expect.arrayContaining([DEMO.jordan, DEMO.casey]));
    for (const m of mails) expect(`${m.subject}${m.html}${m.text}`).not.toMatch(/welcome-packet|Tuesday/);

    await expect(listProfileDocuments(pat, DEMO.profiles.jordanCasey)).rejects.toMatchObject({ status: 404 });
    await expect(openDownload(pat, id)).rejects.toMatchObject({ status: 404 });
    await expect(openDownload(sam, id)).rejects.toMatchObject({ status: 404 });

    // Casey's download is audited and marks it viewed, once.
    const { stream } = await openDownload(casey, id);
    expect((await readAll(stream)).equals(PDF())).toBe(true);
    const [row] = await db.select().from(documents).where(eq(documents.id, id));
    expect(row.firstViewedAt).not.toBeNull();
    const audits = await db.select().from(auditLog).where(eq(auditLog.targetId, id));
    expect(audits.map((a) => a.action).sort()).toEqual(["document.download", "document.share"]);

    // Withdrawn: gone for the clients, kept for the record.
    await withdrawDocument(ana, id);
    expect((await listProfileDocuments(casey, DEMO.profiles.jordanCasey)).shared.map((d) => d.id)).not.toContain(id);
    await expect(openDownload(casey, id)).rejects.toMatchObject({ status: 404 });
    expect(
      (await listProfileDocuments(ana, DEMO.profiles.jordanCasey)).shared.find((d) => d.id === id)?.withdrawnAt,
    ).not.toBeNull();
  });

  it("refuses a forged or another clinician's ticket", async () => {
    const staged = await receiveUpload(ana, {
      body: body(PDF()),
      fileName: "x.pdf",
      profileId: DEMO.profiles.jordanCasey,
    });
    if (staged.kind !== "staged") throw new Error("expected a ticket");
    await expect(
      shareDocuments(ana, { profileId: DEMO.profiles.jordanCasey, tickets: [staged.ticket + "x"] }),
    ).rejects.toMatchObject({ status: 400 });
    await expect(
      shareDocuments(ana, { profileId: DEMO.profiles.jordan, tickets: [staged.ticket] }),
    ).rejects.toMatchObject({ status: 400 });
    await expect(
      receiveUpload(sam, { body: body(PDF()), fileName: "x.pdf", profileId: DEMO.profiles.jordan }),
    ).rejects.toMatchObject({ status: 404 });
  });

  it("emails the clinician about a client upload and counts it as new until opened", async () => {
    const before = await newUploadsCount(ana);
    const r = await receiveUpload(pat, { body: body(JPEG()), fileName: "card.jpg" });
    if (r.kind !== "document") throw new Error("expected a document");
    expect(await newUploadsCount(ana)).toBe(before + 1);
    const mails = await withRenderedBodies(
      await db.select().from(emailOutbox).where(eq(emailOutbox.template, "client-uploaded")),
    );
    expect(mails.some((m) => m.to === DEMO.ana)).toBe(true);
    for (const m of mails) expect(`${m.subject}${m.html}`).not.toContain("card.jpg");
    const { stream } = await openDownload(ana, r.id);
    await readAll(stream);
    expect(await newUploadsCount(ana)).toBe(before);
  });
});

describe("UploadThing storage (against a local fake server)", () => {
  let fake: Awaited<ReturnType<typeof startFakeUploadThing>>;
  beforeAll(async () => {
    fake = await startFakeUploadThing("sk_test_fake");
    process.env.UPLOADTHING_TOKEN = fake.token;
    process.env.UPLOADTHING_INGEST_URL = fake.url;
  });
  afterAll(async () => {
    delete process.env.UPLOADTHING_TOKEN;
    delete process.env.UPLOADTHING_INGEST_URL;
    await fake.close();
  });

  it("sends only encrypted bytes and gets them back identical", async () => {
    const text = "UT-PLAINTEXT-MARKER ".repeat(10_000);
    const r = await receiveUpload(jordan, { body: body(text), fileName: "ut.txt" });
    if (r.kind !== "document") throw new Error("expected a document");
    const [row] = await db.select().from(documents).where(eq(documents.id, r.id));
    expect(row.storageBackend).toBe("uploadthing");
    const stored = fake.files.get(row.storageKey)!;
    expect(stored.length).toBe(encryptedSize(Buffer.byteLength(text)));
    expect(stored.includes(Buffer.from("UT-PLAINTEXT-MARKER"))).toBe(false);
    const { stream } = await openDownload(ana, r.id);
    expect((await readAll(stream)).toString()).toBe(text);
    expect(fs.existsSync(stagingPath(r.id))).toBe(false);
  });
});
