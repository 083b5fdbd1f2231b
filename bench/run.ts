/**
 * `npm run bench`: runs every `bench/*.bench.ts` (or the ones named on the command line) one after another.
 * Benchmarks print figures; they are never part of `npm test` (no timed assertions in tests).
 */
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const dir = __dirname;
const wanted = process.argv.slice(2);
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.includes(w)))
  .sort();

async function main() {
  for (const f of files) {
    console.log(`\n## ${f}`);
    const mod = (await import(pathToFileURL(path.join(dir, f)).href)) as { default?: () => Promise<void> };
    if (mod.default) await mod.default();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
