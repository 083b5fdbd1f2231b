import { checkReadiness } from "@/lib/storage/readiness";

export const dynamic = "force-dynamic";

/**
 * Readiness for load balancers and orchestrators: 200 when this server can reach its database and its object
 * store, 503 otherwise. /api/health stays the liveness check. No PHI: states, backend names and timings only.
 */
export async function GET() {
  const r = await checkReadiness();
  return Response.json(r, { status: r.status === "ready" ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
