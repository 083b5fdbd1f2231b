/**
 * `npm run bench [name …]`: runs every benchmark in bench/ (each file default-exports an async function),
 * or only the named ones, and prints their figures. Never part of `npm test`.
 */
import fs from "node:fs";
import path from "node:path";

async function main() {
  const wanted = process.argv.slice(2);
  const dir = path.dirname(new URL(import.meta.url).pathname);
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".ts") && !["run.ts", "lib.ts"].includes(f))
    .filter((f) => wanted.length === 0 || wanted.includes(f.replace(/\.ts$/, "")))
    .sort();
  for (const f of files) {
    console.log(`\n=== bench/${f}`);
    const mod = (await import(path.join(dir, f))) as { default?: () => Promise<void> };
    if (typeof mod.default !== "function") {
      console.log("(no default export; skipped)");
      continue;
    }
    await mod.default();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
