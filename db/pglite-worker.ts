import { parentPort, workerData } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";
import { withPreparedStatements } from "./pglite-prepared";
import type { ThreadReply, ThreadRequest, WireError } from "./pglite-thread-protocol";

/**
 * The embedded database's own thread (db/pglite-thread.ts starts it; docs/decisions.md "The embedded database in its
 * own thread"). It opens the PGlite folder, runs each statement it is sent (prepared under a name,
 * db/pglite-prepared.ts) and answers with the decoded result. A transaction stays open here, holding PGlite's
 * transaction lock, until the server sends its end: statements from outside it wait, as they did in-process.
 * Nothing is logged here; an error crosses back as its Postgres fields only (code, severity, constraint, table,
 * column), never its message or detail, which can quote a value.
 */
type Tx = { query: (sql: string, params?: unknown[], opts?: object) => Promise<unknown> };
type OpenTx = { tx: Tx; end: (commit: boolean) => void; settled: Promise<unknown> };

const port = parentPort;
const ROLLBACK = Symbol("rollback");

const FIXED_MESSAGES = new Set(["Transaction is closed", "PGlite is closed"]);

function wireError(e: unknown): WireError {
  if (typeof e !== "object" || e === null) return { name: "Error" };
  const x = e as Record<string, unknown>;
  const pick = (k: string) => (typeof x[k] === "string" ? (x[k] as string) : undefined);
  return {
    name: e instanceof Error ? e.name : "Error",
    code: pick("code"),
    severity: pick("severity"),
    constraint: pick("constraint"),
    table: pick("table"),
    column: pick("column"),
    // Of errors PGlite raises itself (no SQLSTATE) only its fixed sentences cross; any other text could quote a value.
    message: FIXED_MESSAGES.has(pick("message") ?? "") ? pick("message") : undefined,
  };
}

/** drizzle's parsers return the text unchanged for the type ids it names; the thread rebuilds them from the ids. */
const identity = (v: unknown) => v;
const parsersByKey = new Map<string, Record<number, (v: unknown) => unknown>>();
function parsersFor(ids: number[] | undefined) {
  if (!ids?.length) return undefined;
  const key = ids.join(",");
  let p = parsersByKey.get(key);
  if (!p) {
    p = Object.fromEntries(ids.map((id) => [id, identity]));
    parsersByKey.set(key, p);
  }
  return p;
}

async function main() {
  if (!port) return;
  const { dir } = workerData as { dir: string };
  const client = withPreparedStatements(new PGlite(dir));
  await client.waitReady;
  const txs = new Map<number, OpenTx>();
  let nextTx = 0;
  const unlisten = new Map<number, () => Promise<void>>();

  const reply = (m: ThreadReply) => port.postMessage(m);
  const fail = (id: number, e: unknown) => reply({ id, ok: false, error: wireError(e) });

  port.on("message", async (m: ThreadRequest) => {
    try {
      switch (m.op) {
        case "query": {
          const opts = { rowMode: m.rowMode, parsers: parsersFor(m.identity) };
          const target: Tx = m.tx === undefined ? client : (txs.get(m.tx)?.tx ?? closedTx);
          reply({ id: m.id, ok: true, value: await target.query(m.sql, m.params, opts) });
          return;
        }
        case "begin": {
          const id = ++nextTx;
          const open = { settled: Promise.resolve() as Promise<unknown> } as OpenTx;
          let began = false;
          open.settled = client.transaction(async (tx) => {
            const commit = await new Promise<boolean>((end) => {
              open.tx = tx as unknown as Tx;
              open.end = end;
              txs.set(id, open);
              began = true;
              reply({ id: m.id, ok: true, value: id });
            });
            txs.delete(id);
            if (!commit) throw ROLLBACK;
          });
          open.settled.catch((e) => {
            if (!began) fail(m.id, e);
          });
          return;
        }
        case "end": {
          const open = txs.get(m.tx);
          if (!open) throw new Error("Transaction is closed");
          open.end(m.commit);
          try {
            await open.settled;
          } catch (e) {
            if (e !== ROLLBACK) throw e;
          }
          reply({ id: m.id, ok: true, value: null });
          return;
        }
        case "listen": {
          const off = await client.listen(m.channel, (payload) => port.postMessage({ notify: m.id, payload }));
          unlisten.set(m.id, off);
          reply({ id: m.id, ok: true, value: null });
          return;
        }
        case "unlisten": {
          const off = unlisten.get(m.listen);
          unlisten.delete(m.listen);
          if (off) await off();
          reply({ id: m.id, ok: true, value: null });
          return;
        }
        case "close": {
          await client.close();
          reply({ id: m.id, ok: true, value: null });
          return;
        }
      }
    } catch (e) {
      fail(m.id, e);
    }
  });
  port.postMessage({ ready: true });
}

const closedTx: Tx = {
  query: async () => {
    throw new Error("Transaction is closed");
  },
};

main().catch((e) => {
  // Could not open the folder (e.g. the path is a file, or no room on disk): the server hears it and fails every call.
  port?.postMessage({ failed: wireError(e) });
});
