import { Worker } from "node:worker_threads";
import { log } from "@/lib/core/log";
import { sourceWorker } from "@/lib/core/source-worker";
import { FolderInUseError, holdFolder } from "./folder-lock";
import type { ThreadReply, ThreadRequest, WireError } from "./pglite-thread-protocol";

/**
 * The embedded database in its own thread (docs/decisions.md "The embedded database in its own thread").
 *
 * PGlite is Postgres compiled to WebAssembly: every statement runs synchronously on the thread that calls it. In
 * the server's thread that time (and decoding the rows) is taken from rendering pages, on a machine whose other
 * cores sit idle. Here PGlite lives in a worker thread (db/pglite-worker.ts) and this object stands in for it with
 * the two calls drizzle's PGlite driver makes, `query(text, params, { rowMode, parsers })` and `transaction(fn)`,
 * plus `listen` and `close`. Statements, parameters and rows cross by structured clone.
 *
 * - **Same locks**: a transaction begins in the thread and stays open there, holding PGlite's transaction lock,
 *   until `fn` settles here; then it commits (or rolls back if `fn` threw) and the commit's own error, if any,
 *   reaches the caller. Statements from outside it wait in the thread, as they did in-process.
 * - **Same errors**: a Postgres error comes back with its code, severity, constraint, table and column, which is
 *   what db/index.ts keeps (never the message or detail, which can quote a value).
 * - **No silent loss**: if the thread cannot open the folder or stops, every waiting and later call fails with
 *   an error and the log says so once; nothing is retried against a folder another thread may still hold.
 * - **One process per folder**: the folder's lock (db/folder-lock.ts) is taken before the thread starts and let go
 *   when it is closed; a folder another process holds is never opened.
 * - **A stop is told once**: `onStopped` hears a stop that `close()` did not ask for (the thread died, or the
 *   folder's lock was lost), so that the server can end the process and be started again (server.mjs).
 * - The thread never keeps the process alive on its own, only while a call is waiting for it.
 */
export type StopReason = "thread" | "in use" | "lost";
type Options = {
  rowMode?: "array" | "object";
  parsers?: Record<number, unknown>;
  blob?: unknown;
  paramTypes?: unknown;
};
type Results = { rows: unknown[]; fields: { name: string; dataTypeID: number }[]; affectedRows?: number };
type Waiting = { resolve: (v: unknown) => void; reject: (e: unknown) => void };
type TxClient = { closed: boolean; query: (sql: string, params?: unknown[], opts?: Options) => Promise<Results> };

function toError(w: WireError): Error {
  const e = new Error(w.message ?? (w.code ? `database error ${w.code}` : "database error"));
  e.name = w.name;
  for (const k of ["code", "severity", "constraint", "table", "column"] as const)
    if (w[k] !== undefined) (e as unknown as Record<string, string>)[k] = w[k]!;
  return e;
}

/**
 * The parsers drizzle passes keep a type's text unchanged; only their type ids cross to the thread, which rebuilds
 * them. Any other parser would be silently dropped there, so it is refused here (checked once per parsers object).
 */
const checkedParsers = new WeakSet<object>();
function identityTypeIds(parsers: Record<number, unknown>): number[] {
  if (!checkedParsers.has(parsers)) {
    const probe = "haven-probe";
    for (const p of Object.values(parsers))
      if (typeof p !== "function" || p(probe) !== probe)
        throw new Error("Only parsers that keep the text can be used with the embedded database's thread");
    checkedParsers.add(parsers);
  }
  return Object.keys(parsers).map(Number);
}

export class PgliteThread {
  private worker: Worker | null = null;
  private releaseFolder: (() => Promise<void>) | null = null;
  private readonly waiting = new Map<number, Waiting>();
  private readonly listeners = new Map<number, (payload: string) => void>();
  private readonly ready: Promise<void>;
  private stopped: Error | null = null;
  private closing = false;
  private lastId = 0;

  private readonly onStopped?: (why: StopReason) => void;

  /**
   * `lockWaitMs`: how long to wait for another process to let go of the folder (db/folder-lock.ts). `onStopped`:
   * called once if the thread stops without `close()` (never for a close).
   */
  constructor(dir: string, opts: { lockWaitMs?: number; onStopped?: (why: StopReason) => void } = {}) {
    this.onStopped = opts.onStopped;
    let started: () => void;
    let failed: (e: Error) => void;
    this.ready = new Promise<void>((resolve, reject) => {
      started = resolve;
      failed = reject;
    });
    this.ready.catch(() => {});
    const inMemory = dir === "memory://";
    const held = inMemory
      ? Promise.resolve(null)
      : holdFolder(dir, { waitMs: opts.lockWaitMs, onLost: (e) => this.stop(e, failed, "lost") });
    held.then(
      (release) => {
        this.releaseFolder = release;
        this.startWorker(
          dir,
          () => started(),
          (e) => this.stop(e, failed),
        );
      },
      (e: Error) => this.stop(e, failed, e instanceof FolderInUseError ? "in use" : "thread"),
    );
  }

  private startWorker(dir: string, started: () => void, failed: (e: Error) => void) {
    // Next's build compiles the worker for this literal line (it sets NEXT_RUNTIME in the code it bundles); from
    // source (tests, scripts) the worker starts through tsx.
    // eslint-disable-next-line no-restricted-properties -- set by Next itself, not configuration
    const worker = process.env.NEXT_RUNTIME
      ? new Worker(new URL("./pglite-worker.ts", import.meta.url), { workerData: { dir } })
      : sourceWorker(["db", "pglite-worker.ts"], { workerData: { dir } });
    this.worker = worker;
    if (this.waiting.size === 0) worker.unref();
    worker.on("message", (m: ThreadReply) => {
      if ("ready" in m) return started();
      if ("failed" in m) return failed(toError(m.failed));
      if ("notify" in m) return this.listeners.get(m.notify)?.(m.payload);
      const w = this.waiting.get(m.id);
      if (!w) return;
      this.settle(m.id);
      if (m.ok) w.resolve(m.value);
      else w.reject(toError(m.error));
    });
    worker.on("error", (e) => failed(e instanceof Error ? e : new Error("error")));
    worker.on("exit", (code) => failed(new Error(`exit ${code}`)));
  }

  private stop(cause: Error, failed: (e: Error) => void, why: StopReason = "thread") {
    if (this.stopped) return;
    this.stopped = new Error("The embedded database's thread has stopped");
    // The logger describes the cause without its message as it is (lib/core/log.ts).
    if (why === "in use") log.error(cause.message);
    else if (why === "lost")
      log.error("embedded database folder's lock was lost; every database call now fails", cause);
    else if (!this.closing) log.error("embedded database thread stopped; every database call now fails", cause);
    failed(this.stopped);
    for (const [id, w] of this.waiting) {
      this.settle(id);
      w.reject(this.stopped);
    }
    // Lost lock: another process may have the folder now, so this thread must not write one more page.
    if (why === "lost") void this.worker?.terminate();
    // The thread has stopped writing: the folder is free again (a lost lock is not ours to remove).
    if (why === "thread" && !this.closing) void this.letGo();
    if (!this.closing) this.onStopped?.(why);
  }

  private async letGo() {
    const release = this.releaseFolder;
    this.releaseFolder = null;
    await release?.().catch(() => {});
  }

  private settle(id: number) {
    this.waiting.delete(id);
    if (this.waiting.size === 0) this.worker?.unref();
  }

  private async request<T>(message: ThreadRequest): Promise<T> {
    if (this.stopped) throw this.stopped;
    const answer = new Promise<T>((resolve, reject) => {
      if (this.waiting.size === 0) this.worker?.ref();
      this.waiting.set(message.id, { resolve: resolve as (v: unknown) => void, reject });
    });
    answer.catch(() => {}); // rejected by stop() while this call still waits for the thread to start
    try {
      await this.ready;
    } catch (e) {
      this.settle(message.id);
      throw e;
    }
    if (this.stopped) throw this.stopped;
    try {
      this.worker!.postMessage(message);
    } catch (e) {
      // A parameter that cannot be copied (a function, a symbol): this call fails, nothing stays waiting.
      this.settle(message.id);
      throw e;
    }
    return answer;
  }

  private id() {
    return ++this.lastId;
  }

  async query(sql: string, params: unknown[] = [], opts?: Options, tx?: number): Promise<Results> {
    if (opts?.blob || opts?.paramTypes) throw new Error("COPY blobs and explicit parameter types are not supported");
    const identity = opts?.parsers ? identityTypeIds(opts.parsers) : undefined;
    return this.request({ id: this.id(), op: "query", sql, params, rowMode: opts?.rowMode, identity, tx });
  }

  async transaction<T>(fn: (tx: TxClient) => Promise<T>): Promise<T> {
    const tx = await this.request<number>({ id: this.id(), op: "begin" });
    const client: TxClient = {
      closed: false,
      query: async (sql, params, opts) => {
        if (client.closed) throw new Error("Transaction is closed");
        return this.query(sql, params, opts, tx);
      },
    };
    let result: T;
    try {
      result = await fn(client);
    } catch (e) {
      client.closed = true;
      // The caller's error is the one that matters; a failed rollback only means the thread has stopped.
      await this.request({ id: this.id(), op: "end", tx, commit: false }).catch(() => {});
      throw e;
    }
    client.closed = true;
    await this.request({ id: this.id(), op: "end", tx, commit: true });
    return result;
  }

  /** LISTEN on `channel` in the thread; resolves to the unlisten function. */
  async listen(channel: string, fn: (payload: string) => void): Promise<() => Promise<void>> {
    const id = this.id();
    this.listeners.set(id, fn);
    try {
      await this.request({ id, op: "listen", channel });
    } catch (e) {
      this.listeners.delete(id);
      throw e;
    }
    return async () => {
      this.listeners.delete(id);
      if (!this.stopped) await this.request({ id: this.id(), op: "unlisten", listen: id });
    };
  }

  /** Closes PGlite (flushing its folder) and ends the thread. */
  async close(): Promise<void> {
    this.closing = true;
    try {
      if (!this.stopped) await this.request({ id: this.id(), op: "close" });
    } finally {
      await this.worker?.terminate();
      await this.letGo();
    }
  }
}
