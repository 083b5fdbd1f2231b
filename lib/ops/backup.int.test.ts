import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import { sql } from "drizzle-orm";
import { dbKind, execRows, getDb, schema, type Db } from "@/db";
import { migrationsFolder } from "@/db/migrate";
import { DEMO } from "@/lib/demo/seed";
import { receiveUpload } from "@/lib/documents";
import { libraryTemplateId, principalFor } from "@/lib/test/auth-fixtures";
import { listProfileResponses, sendForms, submitResponse } from "@/lib/forms/responses";
import { itemIds } from "@/lib/forms/scoring";
import { decryptStream, fileKey } from "@/lib/storage/encryption";
import { localStore } from "@/lib/storage/local";
import { ArchiveError, verifyArchive, writeArchive } from "./archive";
import { appTables, backupStream, ident } from "./backup";
import { restoreArchive, type RestoredKeys } from "./restore";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "haven-backup-"));
const KEY = crypto.randomBytes(32);
const archive = path.join(tmp, "practice.hvnbak");
const PDF = (tag: string) =>
  Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${tag}\ntrailer << /Root 1 0 R >>\n%%EOF\n`);

type Target = { db: Db; close: () => Promise<void>; root: string };
async function freshTarget(name: string): Promise<Target> {
  const root = path.join(tmp, name);
  fs.mkdirSync(root, { recursive: true });
  const client = new PGlite(path.join(root, "pglite"));
  const db = drizzle(client, { schema }) as unknown as Db;
  await migrate(db as never, { migrationsFolder });
  return { db, close: () => client.close(), root };
}

async function counts(db: Db): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of await appTables(db)) {
    const [r] = await execRows<{ n: number }>(sql`select count(*)::int as n from ${ident(t)}`, db);
    out[t] = r.n;
  }
  return out;
}

async function sha256Of(s: Readable): Promise<string> {
  const h = crypto.createHash("sha256");
  for await (const c of s) h.update(c as Buffer);
  return h.digest("hex");
}

let uploadedId: string;
beforeAll(async () => {
  const jordan = await principalFor(DEMO.jordan, "test", DEMO.profiles.jordan);
  // A submitted GAD-7: the restored practice must show the same answers.
  const ana = await principalFor(DEMO.ana);
  const before = new Set((await listProfileResponses(ana, DEMO.profiles.jordan)).map((r) => r.id));
  await sendForms(ana, { profileId: DEMO.profiles.jordan, templateIds: [await libraryTemplateId("gad7")] });
  const pending = (await listProfileResponses(ana, DEMO.profiles.jordan)).find((r) => !before.has(r.id));
  await submitResponse(jordan, pending!.id, Object.fromEntries(itemIds("gad7").map((q) => [q, "2"])));
  const first = await receiveUpload(jordan, { body: Readable.from([PDF("before")]), fileName: "before.pdf" });
  uploadedId = first.kind === "document" ? first.id : "";
  // A client uploads while the backup is taken: both finish, and the archive holds one consistent moment.
  const [plain] = await Promise.all([
    backupStream(getDb(), dbKind(), new Date()),
    receiveUpload(jordan, { body: Readable.from([PDF("during")]), fileName: "during.pdf" }),
  ]);
  await writeArchive(plain, archive, KEY);
}, 60_000);
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe("backup and restore", () => {
  it("restores every row and every file into a fresh embedded database, files byte for byte", async () => {
    const manifest = await verifyArchive(archive, KEY);
    expect(manifest.parts.map((p) => p.name)).toContain(`objects/${uploadedId}`);
    expect(manifest.parts.every((p) => /^[0-9a-f]{64}$/.test(p.sha256))).toBe(true);

    const target = await freshTarget("restored");
    let keys: RestoredKeys | undefined;
    try {
      const store = localStore(path.join(target.root, "files"));
      const summary = await restoreArchive({
        file: archive,
        key: KEY,
        db: target.db,
        store,
        useKeys: (k) => {
          keys = k;
        },
      });
      expect(keys?.fileEncryptionKey).toBe(fileKey().toString("base64"));

      // Every row the archive holds was inserted.
      const restored = await counts(target.db);
      expect(summary.rows).toBe(Object.values(restored).reduce((a, b) => a + b, 0));

      // Each restored file decrypts with the restored key to the SHA-256 its row records.
      const docs = await execRows<{ id: string; sha256: string; storage_key: string }>(
        sql`select id, sha256, storage_key from documents where removed_at is null`,
        target.db,
      );
      expect(docs.map((d) => d.id)).toContain(uploadedId);
      for (const d of docs) {
        const raw = await store.get(d.storage_key);
        const key = Buffer.from(keys!.fileEncryptionKey, "base64");
        expect(await sha256Of(raw.pipe(decryptStream(d.id, key))), d.id).toBe(d.sha256);
      }
      // The same form answers as the source.
      const answers = (db: Db) =>
        execRows<{ j: string }>(
          sql`select row_to_json(a)::text as j from form_answers a join form_responses r on r.id = a.response_id where r.status = 'submitted' order by a.response_id, a.question_id`,
          db,
        );
      const source = await answers(getDb());
      expect(source.length).toBeGreaterThanOrEqual(7);
      expect(await answers(target.db)).toEqual(source);

      // The audit log's counter continues after the restored rows.
      await target.db.execute(sql`insert into audit_log (at, action) values (now(), 'ops.restored')`);
    } finally {
      await target.close();
    }
  }, 120_000);

  it("refuses a tampered archive and writes nothing", async () => {
    const bad = path.join(tmp, "tampered.hvnbak");
    const bytes = fs.readFileSync(archive);
    bytes[Math.floor(bytes.length / 2)] ^= 0x01;
    fs.writeFileSync(bad, bytes);
    const target = await freshTarget("tampered");
    try {
      const store = localStore(path.join(target.root, "files"));
      await expect(
        restoreArchive({ file: bad, key: KEY, db: target.db, store, useKeys: () => {} }),
      ).rejects.toBeInstanceOf(ArchiveError);
      expect(Object.values(await counts(target.db)).every((n) => n === 0)).toBe(true);
      expect(fs.existsSync(path.join(target.root, "files", "objects"))).toBe(false);
      // A wrong key and a truncated file are refused too.
      await expect(verifyArchive(archive, crypto.randomBytes(32))).rejects.toBeInstanceOf(ArchiveError);
      const cut = path.join(tmp, "cut.hvnbak");
      fs.writeFileSync(cut, fs.readFileSync(archive).subarray(0, -100));
      await expect(verifyArchive(cut, KEY)).rejects.toBeInstanceOf(ArchiveError);
    } finally {
      await target.close();
    }
  }, 120_000);

  it("refuses to restore into a database that already holds data", async () => {
    await expect(
      restoreArchive({
        file: archive,
        key: KEY,
        db: getDb(),
        store: localStore(path.join(tmp, "x")),
        useKeys: () => {},
      }),
    ).rejects.toThrow(/not empty/);
  });
});
