import "server-only";
import { PassThrough } from "node:stream";
import { once } from "node:events";
import { sql } from "drizzle-orm";
import { execRows, type Db, type DbOrTx } from "@/db";
import type { ObjectStore } from "@/lib/storage";
import { ArchiveError, MANIFEST, readParts, verifyArchive, type Manifest } from "./archive";
import { appTables, ident, schemaVersion } from "./backup";

export type RestoredKeys = { fileEncryptionKey: string; authSecret: string };
export type RestoreSummary = { tables: number; rows: number; objects: number; createdAt: string };

/** Tables ordered so that every table comes after the tables its foreign keys point to. */
export async function tablesInDependencyOrder(on: DbOrTx): Promise<string[]> {
  const tables = await appTables(on);
  const edges = await execRows<{ child: string; parent: string }>(
    sql`select c.relname as child, p.relname as parent
        from pg_constraint k
        join pg_class c on c.oid = k.conrelid
        join pg_class p on p.oid = k.confrelid
        join pg_namespace n on n.oid = c.relnamespace
        where k.contype = 'f' and n.nspname = 'public'`,
    on,
  );
  const parents = new Map(tables.map((t) => [t, new Set<string>()]));
  for (const e of edges) if (e.child !== e.parent) parents.get(e.child)?.add(e.parent);
  const order: string[] = [];
  const done = new Set<string>();
  const visiting = new Set<string>();
  const visit = (t: string) => {
    if (done.has(t)) return;
    if (visiting.has(t)) throw new Error(`Foreign keys form a cycle through ${t}.`);
    visiting.add(t);
    for (const p of parents.get(t) ?? []) visit(p);
    visiting.delete(t);
    done.add(t);
    order.push(t);
  };
  for (const t of tables) visit(t);
  return order;
}

/** Refuses a database that already holds anything: a restore goes into an empty one only. */
export async function assertEmpty(on: DbOrTx): Promise<void> {
  for (const t of await appTables(on)) {
    const rows = await execRows<{ any: boolean }>(sql`select exists (select 1 from ${ident(t)}) as any`, on);
    if (rows[0]?.any)
      throw new ArchiveError(`The target database is not empty (table ${t} has rows). Restore into an empty one.`);
  }
}

const BATCH_BYTES = 4 * 1024 * 1024;

async function insertTable(tx: DbOrTx, table: string, lines: string[]): Promise<void> {
  let batch: string[] = [];
  let size = 0;
  const flush = async () => {
    if (!batch.length) return;
    const json = `[${batch.join(",")}]`;
    await tx.execute(
      sql`insert into ${ident(table)} select * from json_populate_recordset(null::${ident(table)}, ${json}::json)`,
    );
    batch = [];
    size = 0;
  };
  for (const line of lines) {
    batch.push(line);
    size += line.length;
    if (size >= BATCH_BYTES || batch.length >= 1000) await flush();
  }
  await flush();
}

/** Serial columns continue after the restored rows (the audit log's id). */
async function resetSequences(tx: DbOrTx): Promise<void> {
  const cols = await execRows<{ t: string; c: string }>(
    sql`select table_name as t, column_name as c from information_schema.columns
        where table_schema = 'public' and column_default like 'nextval(%'`,
    tx,
  );
  for (const { t, c } of cols) {
    const seq = `"${t.replace(/"/g, '""')}"`;
    await tx.execute(
      sql`select setval(pg_get_serial_sequence(${seq}, ${c}), coalesce((select max(${ident(c)}) from ${ident(t)}), 0) + 1, false)`,
    );
  }
}

/**
 * Restores an archive into an empty, migrated database and an object store (docs/decisions.md, "Backup and
 * restore"). Two passes: the first decrypts and checks every part against the manifest and writes nothing (a
 * tampered archive is refused there); the second writes the objects into `store`, then every row in one
 * transaction, with each document pointed at where its object now lives.
 */
export async function restoreArchive(opts: {
  file: string;
  key: Buffer;
  db: Db;
  store: ObjectStore;
  /** Receives the archive's key material before anything else is written. */
  useKeys: (keys: RestoredKeys) => Promise<void> | void;
}): Promise<RestoreSummary> {
  const manifest: Manifest = await verifyArchive(opts.file, opts.key);
  if ((await schemaVersion(opts.db)) !== manifest.schema)
    throw new ArchiveError(
      "The archive was made by another version of Haven (its database schema differs). Restore it with the version that made it, then upgrade.",
    );
  await assertEmpty(opts.db);
  const order = await tablesInDependencyOrder(opts.db);
  const sizes = new Map(manifest.parts.map((p) => [p.name, p.bytes]));

  const tableText = new Map<string, Buffer[]>();
  const placed = new Map<string, { backend: string; key: string }>();
  let keysText = "";
  let object: { id: string; body: PassThrough; done: Promise<string> } | undefined;
  let current = "";

  await readParts(opts.file, opts.key, {
    start(name) {
      current = name;
      const m = /^objects\/([0-9a-f-]{36})$/.exec(name);
      if (m) {
        const body = new PassThrough({ highWaterMark: 1024 * 1024 });
        object = { id: m[1], body, done: opts.store.put(m[1], body, sizes.get(name) ?? 0) };
        // The store's own failure surfaces through `done`.
        object.done.catch(() => {});
      } else if (name.startsWith("db/")) tableText.set(name.slice(3, -".jsonl".length), []);
      else if (name !== "keys.json" && name !== MANIFEST) throw new ArchiveError(`Unknown part ${name}.`);
    },
    async chunk(data) {
      if (object) {
        if (!object.body.write(data)) await Promise.race([once(object.body, "drain"), object.done]);
      } else if (current.startsWith("db/")) tableText.get(current.slice(3, -".jsonl".length))!.push(data);
      else if (current === "keys.json") keysText += data.toString("utf8");
    },
    async end(name) {
      if (object) {
        object.body.end();
        placed.set(object.id, { backend: opts.store.backend, key: await object.done });
        object = undefined;
      } else if (name === "keys.json") await opts.useKeys(JSON.parse(keysText) as RestoredKeys);
    },
  });

  let rows = 0;
  await opts.db.transaction(async (tx) => {
    for (const table of order) {
      const parts = tableText.get(table);
      if (!parts) continue;
      const lines = Buffer.concat(parts).toString("utf8").split("\n").filter(Boolean);
      rows += lines.length;
      await insertTable(tx, table, lines);
    }
    for (const [id, where] of placed)
      await tx.execute(
        sql`update documents set storage_backend = ${where.backend}, storage_key = ${where.key} where id = ${id}`,
      );
    await resetSequences(tx);
  });
  return { tables: tableText.size, rows, objects: placed.size, createdAt: manifest.createdAt };
}
