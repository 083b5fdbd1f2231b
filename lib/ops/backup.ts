import "server-only";
import crypto from "node:crypto";
import type { Readable } from "node:stream";
import { sql } from "drizzle-orm";
import { execRows, type Db, type DbOrTx } from "@/db";
import { authSecret } from "@/lib/core/crypto";
import { fileKey } from "@/lib/storage/encryption";
import { storeFor } from "@/lib/storage";
import type { Document } from "@/db/schema";
import { writeParts, type Part } from "./archive";

/**
 * What a backup holds (docs/decisions.md, "Backup and restore"): `keys.json` (the file-encryption key and the
 * auth secret: PIN hashes and stored objects cannot be read without them), one `db/<table>.jsonl` per table (each
 * line a row as PostgreSQL's own `row_to_json`, which both PGlite and PostgreSQL read back with
 * `json_populate_recordset`: a portable dump that needs no pg_dump), then `objects/<document id>` for every stored
 * file, as its encrypted bytes. The tables are read in one REPEATABLE READ transaction: one consistent moment.
 */

export type TableDump = { table: string; lines: string[] };

/** Base tables of the public schema (the app's tables; drizzle's own bookkeeping lives in schema `drizzle`). */
export async function appTables(on: DbOrTx): Promise<string[]> {
  const rows = await execRows<{ name: string }>(
    sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
    on,
  );
  return rows.map((r) => r.name);
}

/** The hash of the newest migration this database has: a restore needs the same one. */
export async function schemaVersion(on: DbOrTx): Promise<string> {
  const rows = await execRows<{ hash: string }>(
    sql`select hash from drizzle.__drizzle_migrations order by created_at desc, id desc limit 1`,
    on,
  );
  if (!rows[0]) throw new Error("The database has no migrations applied.");
  return rows[0].hash;
}

export const ident = (name: string) => sql.raw(`"${name.replace(/"/g, '""')}"`);

/** Every table as JSON lines, in one snapshot; also the stored objects' locations as of that snapshot. */
export async function snapshotDatabase(db: Db): Promise<{
  tables: TableDump[];
  objects: Pick<Document, "id" | "storageBackend" | "storageKey">[];
  schema: string;
}> {
  return db.transaction(
    async (tx) => {
      const schema = await schemaVersion(tx);
      const tables: TableDump[] = [];
      for (const table of await appTables(tx)) {
        const rows = await execRows<{ j: string }>(sql`select row_to_json(t)::text as j from ${ident(table)} t`, tx);
        tables.push({ table, lines: rows.map((r) => r.j) });
      }
      // Removed uploads keep their row (the audit trail) but their object was deleted: nothing to copy.
      const objects = await execRows<{ id: string; storage_backend: string; storage_key: string }>(
        sql`select id, storage_backend, storage_key from documents where removed_at is null order by created_at, id`,
        tx,
      );
      return {
        tables,
        schema,
        objects: objects.map((o) => ({
          id: o.id,
          storageBackend: o.storage_backend as Document["storageBackend"],
          storageKey: o.storage_key,
        })),
      };
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
}

/**
 * The backup's plaintext part stream (encrypted by the caller: lib/ops/archive.ts). The database is read first, in
 * one transaction; then each object is streamed from its store, so memory stays bounded by the database's size.
 */
export async function backupStream(db: Db, database: string, now: Date): Promise<Readable> {
  const snap = await snapshotDatabase(db);
  async function* parts(): AsyncGenerator<Part> {
    yield {
      name: "keys.json",
      body: JSON.stringify({ fileEncryptionKey: fileKey().toString("base64"), authSecret: authSecret() }),
    };
    for (const t of snap.tables) {
      yield {
        name: `db/${t.table}.jsonl`,
        body: (function* () {
          for (const line of t.lines) yield `${line}\n`;
        })(),
      };
      t.lines = [];
    }
    for (const o of snap.objects) {
      let body: Readable;
      try {
        body = await storeFor(o.storageBackend).get(o.storageKey);
      } catch {
        // Removed between the snapshot and now (a client removed an upload during the backup): the live database
        // no longer offers it either. Named in the manifest rather than failing the whole backup.
        missing.push(o.id);
        continue;
      }
      yield { name: `objects/${o.id}`, body: body as AsyncIterable<Buffer> };
    }
  }
  const missing: string[] = [];
  // The manifest is written after the last part, so `missing` is complete by then.
  return writeParts(parts(), { createdAt: now.toISOString(), database, schema: snap.schema, missing });
}

/** The bearer token the backup command presents to the running server: derived from AUTH_SECRET, never stored. */
export function backupToken(): string {
  return crypto.createHmac("sha256", authSecret()).update("haven backup token v1").digest("hex");
}
