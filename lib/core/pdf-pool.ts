import "server-only";
import { Worker } from "node:worker_threads";
import { env } from "./env";
import { log } from "./log";
import { sourceWorker } from "./source-worker";

/**
 * PDFs rendered off the request's event loop (docs/decisions.md "PDFs rendered in a worker"). @react-pdf/renderer
 * lays out and compresses synchronously for tens to hundreds of milliseconds; in the request that time blocks every
 * other request of the server. Here a small pool of worker threads (PDF_WORKERS, default 1; 0 = in the request)
 * renders instead. A job is a name the worker knows (lib/pdf/worker.ts) and its arguments, copied to the worker
 * (structured clone: plain data and Dates, no functions); the bytes come back transferred, not copied.
 *
 * Hand-written rather than piscina: Next's bundler (Turbopack) compiles a worker's TypeScript only for a literal
 * `new Worker(new URL("…", import.meta.url))` in the code it bundles; a pool library receives a file name and
 * would load the uncompiled source. If the worker cannot start (or dies), the job is rendered in-process with a
 * logged warning, so a download never fails for it. Nothing about the document (no PHI) is ever logged.
 */

export type PdfJob = { kind: string; args: unknown[] };

type Task = {
  job: PdfJob;
  inProcess: () => Promise<Buffer>;
  resolve: (b: Buffer) => void;
  reject: (e: unknown) => void;
};
type Slot = { worker: Worker; task: Task | null; ready: boolean };

type Reply = { ready: true } | { ok: true; bytes: Uint8Array } | { ok: false; error: string };

type PoolState = {
  slots: Slot[];
  queue: Task[];
  broken: boolean;
  fromSource: boolean;
};
const g = globalThis as unknown as { __havenPdfPool?: PoolState };

function state(): PoolState {
  g.__havenPdfPool ??= { slots: [], queue: [], broken: false, fromSource: false };
  return g.__havenPdfPool;
}

function spawn(s: PoolState): Worker {
  if (s.fromSource) {
    // Only source runs (tests, tsx scripts, run from the repository root) come here. @react-pdf's packages export
    // some files only under the "import" condition (as bench/billing.bench.ts runs).
    return sourceWorker(["lib", "pdf", "worker.ts"], { execArgv: ["--conditions=import"] });
  }
  return new Worker(new URL("../pdf/worker.ts", import.meta.url));
}

function addSlot(s: PoolState): Slot {
  const slot: Slot = { worker: spawn(s), task: null, ready: false };
  slot.worker.unref();
  slot.worker.on("message", (m: Reply) => {
    if ("ready" in m) {
      slot.ready = true;
      return;
    }
    const task = slot.task;
    slot.task = null;
    if (task) {
      if (m.ok) task.resolve(Buffer.from(m.bytes.buffer, m.bytes.byteOffset, m.bytes.byteLength));
      else task.reject(new Error(`PDF render failed in the worker (${m.error})`));
    }
    next(s);
  });
  const lost = (e: unknown) => {
    if (!s.slots.includes(slot)) return;
    s.slots.splice(s.slots.indexOf(slot), 1);
    const code = (e as { code?: string } | null)?.code;
    if (!slot.ready && !s.fromSource && code === "ERR_UNKNOWN_FILE_EXTENSION") {
      // Running from source, not from Next's build: the next worker starts through tsx.
      s.fromSource = true;
    } else if (!slot.ready) {
      s.broken = true;
      log.warn("pdf worker could not start; rendering PDFs in the request instead", { code: code ?? null });
    } else {
      log.warn("pdf worker stopped; starting another", { code: code ?? null });
    }
    const task = slot.task;
    slot.task = null;
    // Not started: the job waits for the next worker (or in-process). Died while rendering: that job is rendered
    // in-process, so a document that crashes a worker cannot crash the next one too.
    if (task && !slot.ready) s.queue.unshift(task);
    else if (task) task.inProcess().then(task.resolve, task.reject);
    next(s);
  };
  slot.worker.on("error", lost);
  slot.worker.on("exit", (c) => lost({ code: `exit ${c}` }));
  s.slots.push(slot);
  return slot;
}

function next(s: PoolState) {
  while (s.queue.length) {
    if (s.broken) {
      const task = s.queue.shift()!;
      task.inProcess().then(task.resolve, task.reject);
      continue;
    }
    let slot = s.slots.find((x) => !x.task);
    if (!slot && s.slots.length < env().PDF_WORKERS) slot = addSlot(s);
    if (!slot) return;
    const task = s.queue.shift()!;
    slot.task = task;
    slot.worker.postMessage(task.job);
  }
}

/** Prints `haven-pdf-render <kind>` per render for `npm run bench` (with BENCH_COUNT_SQL only; the kind, never data). */
function noteRender(kind: string) {
  if (env().BENCH_COUNT_SQL) process.stdout.write(`haven-pdf-render ${kind}\n`);
}

/**
 * Renders `job` in a worker thread, or with `inProcess` when PDF_WORKERS is 0 or no worker can run. `inProcess`
 * must produce the same document (it calls the same renderer the worker's job names).
 */
export function renderPdf(job: PdfJob, inProcess: () => Promise<Buffer>): Promise<Buffer> {
  noteRender(job.kind);
  const s = state();
  if (env().PDF_WORKERS === 0) return inProcess();
  return new Promise<Buffer>((resolve, reject) => {
    s.queue.push({ job, inProcess, resolve, reject });
    next(s);
  });
}

/**
 * Starts the first worker at boot (lib/boot.ts), so the first download does not wait for a thread to load the PDF
 * renderer (seconds on a busy machine). Nothing happens with PDF_WORKERS=0.
 */
export function startPdfWorkers(): void {
  const s = state();
  if (env().PDF_WORKERS > 0 && s.slots.length === 0 && !s.broken) addSlot(s);
}

/** Ends the pool's workers (graceful shutdown, lib/boot.ts; tests). Jobs still queued are rendered in-process. */
export async function stopPdfWorkers(): Promise<void> {
  const s = g.__havenPdfPool;
  if (!s) return;
  g.__havenPdfPool = undefined;
  const slots = s.slots.splice(0);
  for (const t of s.queue.splice(0)) t.inProcess().then(t.resolve, t.reject);
  for (const slot of slots) {
    const t = slot.task;
    slot.task = null;
    if (t) t.inProcess().then(t.resolve, t.reject);
  }
  await Promise.all(slots.map((x) => x.worker.terminate()));
}

/** Whether renders go to worker threads right now (for tests and the bench). */
export function pdfWorkersRunning(): boolean {
  return (g.__havenPdfPool?.slots.some((x) => x.ready) ?? false) && !g.__havenPdfPool?.broken;
}
