// Next.js runs register() once when a server process starts (not during `next build`).
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { boot } = await import("./lib/boot");
    try {
      await boot();
    } catch (e) {
      // A server that could not migrate or open its database would answer every request with an error while a
      // process manager saw it running: it stops instead, saying why (e.g. another process holds the embedded
      // database's folder, db/folder-lock.ts), so that the manager reports it or starts it again.
      const { log } = await import("./lib/core/log");
      log.error("start-up failed; the server stops", e);
      process.exit(1);
    }
  }
}

/**
 * Every error Next catches while rendering or handling a request, logged with the request id (server.mjs) and the
 * digest the error page shows, so a practice quoting either finds the line. The error itself is described without
 * values (lib/core/log.ts); the path is logged without its query.
 */
export async function onRequestError(
  error: unknown,
  request: { path: string; method: string; headers: Record<string, string | string[] | undefined> },
) {
  const { log } = await import("./lib/core/log");
  const id = request.headers["x-request-id"];
  log.error("request error", error, {
    requestId: typeof id === "string" ? id : undefined,
    digest: (error as { digest?: unknown } | null)?.digest,
    method: request.method,
    path: request.path.split("?")[0],
  });
}
