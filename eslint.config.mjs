import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import haven from "./scripts/lint/haven-rules.mjs";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([
    ".next/**",
    ".data/**",
    ".e2e-data/**",
    "node_modules/**",
    "test-results/**",
    "playwright-report/**",
    "next-env.d.ts",
    "db/migrations/**",
  ]),
  {
    // The import boundaries and the one place for server actions (docs/architecture.md).
    plugins: { haven },
    rules: { "haven/boundaries": "error", "haven/use-server-location": "error", "haven/no-async-component": "error" },
  },
  {
    rules: {
      // Configuration is read in lib/core/env.ts only (docs/architecture.md, import rules).
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Read configuration through lib/core/env.ts." },
        // One clock (docs/decisions.md): dates and times are shown through lib/core/time.ts in the practice's zone.
        ...["toLocaleDateString", "toLocaleTimeString", "toUTCString", "toGMTString"].map((property) => ({
          property,
          message: "Show dates and times with lib/core/time.ts (formatDate, formatDateTime, formatTime).",
        })),
        { object: "Intl", property: "DateTimeFormat", message: "Show dates and times with lib/core/time.ts." },
      ],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: [
      "lib/core/env.ts",
      "lib/core/log.ts",
      "instrumentation.ts",
      "playwright.config.ts",
      "playwright.https.config.ts",
      "vitest.config.mts",
      "e2e/**",
      "bench/**",
      "**/*.test.ts",
      "lib/test/**",
      "drizzle.config.ts",
    ],
    rules: { "no-restricted-properties": "off" },
  },
]);
