import { describe, expect, it } from "vitest";
import path from "node:path";
import { ESLint } from "eslint";

/**
 * Every rule of docs/architecture.md, broken on purpose: lint (with the repository's own configuration) must
 * name the rule, and the same file written the allowed way must pass it.
 */
const root = path.resolve(import.meta.dirname, "../..");
const eslint = new ESLint({ cwd: root });

async function ruleIds(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
  return result.messages.map((m) => `${m.ruleId}${m.messageId ? `:${m.messageId}` : ""}`);
}

const cases: { rule: string; file: string; bad: string; good: string }[] = [
  {
    rule: "haven/boundaries:noApp",
    file: "components/shell/example.tsx",
    bad: `import { switchProfileAction } from "@/app/(portal)/portal/switcher/actions";\nexport const x = switchProfileAction;\n`,
    good: `import { switchProfileAction } from "@/lib/auth/actions";\nexport const x = switchProfileAction;\n`,
  },
  {
    rule: "haven/boundaries:layer",
    file: "lib/profiles/example.ts",
    bad: `import { getPrincipal } from "@/lib/auth/auth";\nexport const x = getPrincipal;\n`,
    good: `import { audit } from "@/lib/audit/write";\nexport const x = audit;\n`,
  },
  {
    rule: "haven/boundaries:layer",
    file: "lib/audit/example.ts",
    bad: `import { x as y } from "../payments/pay";\nexport const x = y;\n`,
    good: `import { now } from "../core/clock";\nexport const x = now;\n`,
  },
  {
    rule: "haven/boundaries:internal",
    file: "app/(portal)/portal/example/page.tsx",
    bad: `import { recordPayment } from "@/lib/payments/internal/ledger";\nexport default function P() { return String(recordPayment); }\n`,
    good: `import { payInvoice } from "@/lib/payments/pay";\nexport default function P() { return String(payInvoice); }\n`,
  },
  {
    rule: "haven/boundaries:coreImportsDomain",
    file: "lib/core/example.ts",
    bad: `import { db } from "@/db";\nexport const x = db;\n`,
    good: `import { z } from "zod";\nexport const x = z;\n`,
  },
  {
    rule: "haven/boundaries:dbImportsDomain",
    file: "db/schema/example.ts",
    bad: `import type { Question } from "@/lib/forms/types";\nexport type X = Question;\n`,
    good: `import { pgTable } from "drizzle-orm/pg-core";\nexport const x = pgTable;\n`,
  },
  {
    rule: "haven/boundaries:testOnly",
    file: "lib/forms/example.ts",
    bad: `import { staffPrincipal } from "@/lib/test/auth-fixtures";\nexport const x = staffPrincipal;\n`,
    good: `import { now } from "@/lib/core/clock";\nexport const x = now;\n`,
  },
  {
    rule: "haven/use-server-location:file",
    file: "app/(portal)/portal/example/actions.ts",
    bad: `"use server";\nexport async function a() {}\n`,
    good: `export async function a() {}\n`,
  },
  {
    rule: "haven/use-server-location:inline",
    file: "app/(portal)/portal/example/page.tsx",
    bad: `export default function P() {\n  async function act() {\n    "use server";\n  }\n  return String(act);\n}\n`,
    good: `export default function P() {\n  return "ok";\n}\n`,
  },
  {
    rule: "haven/boundaries:componentDataLayer",
    file: "components/forms/example.tsx",
    bad: `import { countTodos } from "@/lib/forms/responses";\nexport const x = countTodos;\n`,
    good: `import type { Question } from "@/lib/forms/types";\nimport { submitResponseAction } from "@/lib/forms/actions";\nexport const x = submitResponseAction;\nexport type Q = Question;\n`,
  },
  {
    rule: "haven/no-async-component:asyncComponent",
    file: "components/forms/example.tsx",
    bad: `export async function Todos() {\n  return null;\n}\n`,
    good: `export function Todos({ n }: { n: number }) {\n  return n;\n}\n`,
  },
  {
    rule: "no-restricted-properties",
    file: "lib/billing/example.ts",
    bad: `export const k = process.env.STRIPE_SECRET_KEY;\n`,
    good: `import { env } from "@/lib/core/env";\nexport const k = env().STRIPE_SECRET_KEY;\n`,
  },
];

describe("architecture rules are enforced by lint", () => {
  it.each(cases)(
    "$rule fails $file when broken, passes when kept",
    async ({ rule, file, bad, good }) => {
      const badIds = await ruleIds(file, bad);
      expect(badIds, JSON.stringify(badIds)).toContainEqual(
        expect.stringMatching(new RegExp(`^${rule.replace("/", "\\/")}`)),
      );
      const goodIds = await ruleIds(file, good);
      expect(goodIds.filter((id) => id.startsWith(rule.split(":")[0]))).toEqual([]);
    },
    30_000,
  );

  it("server actions in lib/<domain>/actions.ts are allowed", async () => {
    expect(await ruleIds("lib/forms/actions.ts", `"use server";\nexport async function a() {}\n`)).not.toContainEqual(
      expect.stringMatching(/^haven\//),
    );
  });
});
