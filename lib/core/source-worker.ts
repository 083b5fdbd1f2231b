import path from "node:path";
import { Worker } from "node:worker_threads";

/**
 * Node 20 cannot load a worker's .ts entry when the code runs from source (Vitest, tsx scripts): this starts it
 * through tsx. Next's build compiles a worker only for a literal `new Worker(new URL("…", import.meta.url))` in the
 * code it bundles, so callers keep that line for the build and come here only when running from source.
 */
const FROM_SOURCE_BOOT = `
const { workerData } = require("node:worker_threads");
const { pathToFileURL } = require("node:url");
import("tsx/esm/api").then((tsx) => tsx.tsImport(pathToFileURL(workerData.entry).href, pathToFileURL(process.cwd() + "/").href));
`;

/**
 * Starts the worker whose entry is `segments` under the repository root (the current directory). The path is
 * assembled at run time on purpose: a literal path makes the bundler copy the source into the build's public assets.
 */
export function sourceWorker(
  segments: string[],
  options: { workerData?: Record<string, unknown>; execArgv?: string[] } = {},
): Worker {
  const entry = path.join(process.cwd(), ...segments);
  return new Worker(FROM_SOURCE_BOOT, {
    eval: true,
    workerData: { ...options.workerData, entry },
    execArgv: options.execArgv,
  });
}
