/**
 * Runs every benchmark in bench/ one after another and prints their results (`npm run bench`).
 * Each bench file exports an async function; add yours to the list.
 */
import { benchAutosave } from "./autosave";

const benches: [string, () => Promise<void>][] = [["autosave", benchAutosave]];

async function main() {
  for (const [name, run] of benches) {
    console.log(`\n== ${name} ==`);
    await run();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
