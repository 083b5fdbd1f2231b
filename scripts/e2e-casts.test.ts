import { describe, expect, it } from "vitest";
import fs from "node:fs";
import path from "node:path";

/**
 * Browser specs run their tests in parallel (playwright.config.ts `fullyParallel`), and a person's session and
 * active profile live on the server: two tests signing in as one person at once supersede each other's emailed
 * link (docs/decisions.md "Browser specs"). So a cast is named by one test only, unless its file runs in serial
 * mode — the journeys share one cast on purpose, each journey a different person.
 */
const dir = path.resolve(import.meta.dirname, "../e2e");
const specs = fs.readdirSync(dir).filter((f) => f.endsWith(".spec.ts"));

describe("e2e casts", () => {
  it("are each named by one test, unless the file runs in serial mode", () => {
    const owners = new Map<string, string[]>();
    for (const file of specs) {
      const text = fs.readFileSync(path.join(dir, file), "utf8");
      const serial = /mode:\s*"serial"/.test(text);
      for (const [, tag] of text.matchAll(/cast\("([^"]+)"\)/g)) {
        const key = serial ? `${tag} (serial ${file})` : tag;
        owners.set(key, [...(owners.get(key) ?? []), file]);
      }
    }
    const shared = [...owners].filter(([key, files]) => !key.includes("(serial") && files.length > 1);
    expect(shared.map(([tag, files]) => `${tag}: ${files.join(", ")}`)).toEqual([]);
  });
});
