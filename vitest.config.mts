import { defineConfig } from "vitest/config";
import path from "node:path";

const alias = {
  "@": path.resolve(import.meta.dirname),
  "server-only": path.resolve(import.meta.dirname, "lib/test/empty.ts"),
};
const env = {
  AUTH_SECRET: "test-secret-for-vitest-only-0123456789abcdef",
  EMAIL_DELIVERER: "off",
  APP_URL: "http://localhost:3000",
  DATA_DIR: ".data/test",
  // PDFs render in the test's own thread; lib/pdf/worker.test.ts turns the worker on (it starts through tsx, seconds).
  PDF_WORKERS: "0",
};

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "emails/**/*.test.ts", "scripts/**/*.test.ts"],
          exclude: ["**/*.int.test.ts"],
          environment: "node",
          env,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["lib/**/*.int.test.ts", "scripts/**/*.int.test.ts", "db/**/*.int.test.ts"],
          environment: "node",
          env,
          globalSetup: ["lib/test/global-setup.ts"],
          // next-auth imports "next/server" without an extension, which Node's own ESM loader cannot resolve; let
          // Vite load it so tests can drive Auth.js's real handlers (lib/auth/pin-endpoints.int.test.ts).
          server: { deps: { inline: ["next-auth"] } },
          setupFiles: ["lib/test/integration-setup.ts"],
          // One shared PostgreSQL database per run: files run one after another.
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
