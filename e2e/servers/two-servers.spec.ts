import crypto from "node:crypto";
import postgres from "postgres";
import { expect, test } from "@playwright/test";
import { startFakeResend } from "@/lib/test/fake-resend";
import { startS3Server } from "@/lib/test/s3-server";
import { basePort, prepareDatabase, requireBuild, startHaven, type Haven } from "./servers";

/**
 * Two app servers, one PostgreSQL database, one S3 bucket (docs/deploy/several-servers.md): a session made on one
 * is honoured by the other, a file uploaded through A downloads identical through B, and the outbox, drained by
 * both servers' deliverers at once, sends each email exactly once.
 */
const ADMIN_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

test("two servers on one PostgreSQL and one bucket: sessions, files and the outbox are shared", async () => {
  requireBuild();
  const name = `haven_servers_${crypto.randomBytes(4).toString("hex")}`;
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const dbUrl = new URL(ADMIN_URL);
  dbUrl.pathname = `/${name}`;
  const s3 = await startS3Server("haven-two-servers");
  const resend = await startFakeResend();
  const servers: Haven[] = [];
  try {
    const shared = {
      DATABASE_URL: dbUrl.toString(),
      SEED_DEMO: "off",
      ...s3.env,
      RESEND_API_KEY: "re_test_two_servers",
      RESEND_BASE_URL: resend.url,
      EMAIL_DELIVERER: "on",
    };
    const cookie = prepareDatabase({ ...shared, PREPARE_EMAILS: "40" });
    // Each server keeps its own DATA_DIR (staging, generated keys); everything shared is configured.
    const a = await startHaven(basePort + 10, { ...shared, DATA_DIR: `/tmp/${name}-a` });
    servers.push(a);
    const b = await startHaven(basePort + 20, { ...shared, DATA_DIR: `/tmp/${name}-b` });
    servers.push(b);

    // The session works on A and on the next request to B.
    for (const s of [a, b]) {
      const home = await fetch(`${s.url}/portal/documents`, { headers: { cookie }, redirect: "manual" });
      expect(home.status, s.url).toBe(200);
    }

    // Upload through A; download through B: the same bytes, stored once in the bucket.
    const bytes = Buffer.concat([Buffer.from("%PDF-1.7\n"), crypto.randomBytes(3 * 1024 * 1024)]);
    const up = await fetch(`${a.url}/api/files/upload`, {
      method: "POST",
      headers: {
        cookie,
        origin: a.url,
        "x-file-name": "Shared%20file",
        "content-type": "application/octet-stream",
      },
      body: bytes,
    });
    expect(up.status).toBe(201);
    const { id } = (await up.json()) as { id: string };
    expect(await s3.objectKeys()).toEqual([id]);
    const down = await fetch(`${b.url}/api/files/${id}`, { headers: { cookie } });
    expect(down.status).toBe(200);
    expect(Buffer.from(await down.arrayBuffer()).equals(bytes)).toBe(true);

    // Both deliverers drain one outbox: every email once.
    await expect
      .poll(() => resend.received.filter((m) => m.to.startsWith("outbox.")).length, { timeout: 60_000 })
      .toBe(40);
    await new Promise((r) => setTimeout(r, 3000));
    const mine = resend.received.filter((m) => m.to.startsWith("outbox."));
    expect(mine).toHaveLength(40);
    expect(new Set(mine.map((m) => m.to)).size).toBe(40);
    expect(new Set(mine.map((m) => m.idempotencyKey)).size).toBe(40);

    for (const s of servers.splice(0)) expect((await s.stop()).code).toBe(0);
  } finally {
    for (const s of servers) await s.stop();
    await resend.close();
    await s3.stop();
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
});
