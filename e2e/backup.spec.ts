import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { cast, expect, signInAs, signInByEmail, test } from "./fixtures";

/**
 * Backup and restore (docs/backup.md): a backup taken through the running server while a client uploads, restored
 * into a fresh data folder, serves the same files and the same forms, and people sign in there with a new link.
 * The byte-level checks of every table and file, and a tampered archive, are in lib/ops/backup.int.test.ts.
 */
const appPort = Number(process.env.E2E_PORT ?? 3100);
const restoredPort = appPort + 10;
const serverDataDir = process.env.E2E_DATA_DIR ?? ".e2e-data";
const BACKUP_KEY = crypto.randomBytes(32).toString("base64");
const sha256 = (b: Buffer) => crypto.createHash("sha256").update(b).digest("hex");
const PDF = (tag: string) =>
  Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${tag}\ntrailer << /Root 1 0 R >>\n%%EOF\n`);

/** This process's environment with `set` applied; keys set to undefined are left out (the restored practice brings its own keys). */
function envWith(set: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...process.env };
  for (const [k, v] of Object.entries(set)) {
    if (v === undefined) delete out[k];
    else out[k] = v;
  }
  return out;
}

function run(
  script: string,
  args: string[],
  env: Record<string, string | undefined>,
): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = spawn("npx", ["tsx", "--conditions=react-server", script, ...args], {
      env: envWith(env),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("close", (code) => resolve({ code: code ?? 1, out }));
  });
}

async function waitForHealth(url: string, child: ChildProcess) {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error("the restored server exited");
    const ok = await fetch(url)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error("the restored server did not start");
}

test("a backup taken while a client uploads restores into a fresh folder: same files, same forms, a new sign-in", async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(600_000);
  const C = cast("records-backup");
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "haven-e2e-backup-"));
  const archive = path.join(tmp, "practice.hvnbak");
  const restoredDir = path.join(tmp, "data");
  let restored: ChildProcess | undefined;
  try {
    await signInAs(page, C.alex);
    const upload = (name: string, bytes: Buffer) =>
      page.request.post("/api/files/upload", {
        data: bytes,
        headers: { "x-file-name": encodeURIComponent(name), "content-type": "application/pdf", origin: baseURL! },
      });
    const before = PDF("before the backup");
    const first = await upload("Referral.pdf", before);
    expect(first.status()).toBe(201);
    const { id } = (await first.json()) as { id: string };
    await page.goto("/portal/forms");
    const formsBefore = await page.getByRole("main").innerText();

    // The backup runs while Alex uploads a second file: both finish.
    const [backup, during] = await Promise.all([
      run("scripts/backup.ts", [archive], {
        DATA_DIR: serverDataDir,
        BACKUP_KEY,
        BACKUP_SERVER_URL: `http://127.0.0.1:${appPort}`,
      }),
      upload("Second letter.pdf", PDF("during the backup")),
    ]);
    expect(backup.code, backup.out).toBe(0);
    expect(during.status()).toBe(201);

    // A changed byte: the restore refuses the archive and leaves the folder empty.
    const tampered = path.join(tmp, "tampered.hvnbak");
    const bytes = fs.readFileSync(archive);
    bytes[bytes.length - 200] ^= 0x40;
    fs.writeFileSync(tampered, bytes);
    const refused = await run("scripts/restore.ts", [tampered], {
      DATA_DIR: restoredDir,
      BACKUP_KEY,
      DATABASE_URL: "",
    });
    expect(refused.code).not.toBe(0);
    expect(refused.out).toMatch(/integrity check|does not match/);

    const restore = await run("scripts/restore.ts", [archive], {
      DATA_DIR: path.join(tmp, "data-ok"),
      BACKUP_KEY,
      DATABASE_URL: undefined,
      FILE_ENCRYPTION_KEY: undefined,
      AUTH_SECRET: undefined,
    });
    expect(restore.code, restore.out).toBe(0);

    // The restored practice, on its own server and folder.
    const restoredURL = `http://localhost:${restoredPort}`;
    restored = spawn("node", ["server.mjs"], {
      env: envWith({
        PORT: String(restoredPort),
        DATA_DIR: path.join(tmp, "data-ok"),
        APP_URL: restoredURL,
        SEED_DEMO: "off",
        DATABASE_URL: undefined,
        FILE_ENCRYPTION_KEY: undefined,
        AUTH_SECRET: undefined,
        RATE_LIMIT_LINK_PER_IP: "10000",
      }),
      stdio: "ignore",
      detached: true,
    });
    await waitForHealth(`${restoredURL}/api/health`, restored);

    const ctx = await browser.newContext({ baseURL: restoredURL, viewport: { width: 360, height: 780 } });
    const there = await ctx.newPage();
    await signInByEmail(there, C.alex.email);
    await expect(there).toHaveURL(/\/portal/);
    const file = await there.request.get(`/api/files/${id}`);
    expect(file.status()).toBe(200);
    expect(sha256(await file.body())).toBe(sha256(before));
    await there.goto("/portal/forms");
    expect(await there.getByRole("main").innerText()).toBe(formsBefore);
    await ctx.close();
  } finally {
    if (restored?.pid) process.kill(-restored.pid, "SIGTERM");
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
