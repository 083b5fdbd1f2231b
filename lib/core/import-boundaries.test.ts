import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Pages fetch, components render (docs/decisions.md): nothing under components/ may import a lib/ module that
 * reads data or secrets (those start with `import "server-only"`). Server actions (`"use server"`), schemas, pure
 * formatters and `import type` are fine. Stands in until the lint rule does the same.
 */
const root = path.resolve(import.meta.dirname, "../..");

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

function resolveLib(spec: string): string | null {
  const base = path.join(root, spec.replace(/^@\//, ""));
  for (const f of [`${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")]) if (fs.existsSync(f)) return f;
  return null;
}

describe("components/ import no data-layer module", () => {
  it("every value import from lib/ in components/ is a server action or a module without server-only", () => {
    const offenders: string[] = [];
    for (const file of files(path.join(root, "components"))) {
      const src = fs.readFileSync(file, "utf8");
      for (const m of src.matchAll(/^import\s+(?!type\b)[^;]*?from\s+"(@\/lib\/[^"]+)"/gm)) {
        const target = resolveLib(m[1]);
        if (target && /^import "server-only";/m.test(fs.readFileSync(target, "utf8"))) offenders.push(`${path.relative(root, file)} → ${m[1]}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it("no component is an async (data-fetching) server component", () => {
    const offenders = files(path.join(root, "components"))
      .filter((f) => f.endsWith(".tsx"))
      .filter((f) => /export\s+(default\s+)?async\s+function\s+[A-Z]/.test(fs.readFileSync(f, "utf8")))
      .map((f) => path.relative(root, f));
    expect(offenders).toEqual([]);
  });
});
