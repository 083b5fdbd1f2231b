import { Readable } from "node:stream";
import { dbKind, getDb } from "@/db";
import { now } from "@/lib/core/clock";
import { isLoopbackAddress, metaFrom } from "@/lib/core/http";
import { safeEqualHex } from "@/lib/core/crypto";
import { log } from "@/lib/core/log";
import { audit } from "@/lib/audit/write";
import { backupStream, backupToken } from "@/lib/ops/backup";

export const dynamic = "force-dynamic";

/**
 * The online backup's source (docs/decisions.md, "Backup and restore"): `npm run backup` on the same machine asks
 * the running server, which is the only process that may open the embedded database's folder. Refused unless the
 * request comes from this machine (the socket address server.mjs stamped, never a header a client sends) and
 * carries the token derived from AUTH_SECRET. The stream is plaintext over loopback; the command encrypts it.
 */
export async function POST(req: Request) {
  const meta = metaFrom(req.headers);
  const given = /^Bearer ([0-9a-f]{64})$/.exec(req.headers.get("authorization") ?? "")?.[1];
  if (!isLoopbackAddress(meta.ip) || !given || !safeEqualHex(given, backupToken()))
    return new Response("Not found", { status: 404 });
  const stream = await backupStream(getDb(), dbKind(), now());
  await audit({ action: "ops.backup_created", actorRole: "system", ip: meta.ip, userAgent: meta.userAgent });
  stream.on("error", (e) => log.error("backup stream failed", e));
  return new Response(Readable.toWeb(stream) as ReadableStream, {
    headers: { "Content-Type": "application/octet-stream", "Cache-Control": "no-store" },
  });
}
