import { sql } from "drizzle-orm";
import { dbKind, execRows } from "@/db";

export const dynamic = "force-dynamic";

/** Liveness and database state for load balancers and operators. No PHI. */
export async function GET() {
  const started = Date.now();
  try {
    const [row] = await execRows<{ migrations: number }>(
      sql`select count(*)::int as migrations from drizzle.__drizzle_migrations`,
    );
    return Response.json(
      {
        status: "ok",
        database: { kind: dbKind(), state: "up", migrations: row?.migrations ?? 0, latencyMs: Date.now() - started },
      },
      { headers: { "Cache-Control": "no-store" } },
    );
  } catch {
    return Response.json(
      { status: "error", database: { state: "down" } },
      { status: 503, headers: { "Cache-Control": "no-store" } },
    );
  }
}
