import { defineConfig } from "drizzle-kit";

// Migrations are generated from db/schema and committed (docs/decisions.md, "Migrations are generated and committed").
// They are applied by `npm run db:migrate` or at server start-up, never by `next build`.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/index.ts",
  out: "./db/migrations",
  strict: true,
});
