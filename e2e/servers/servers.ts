import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";

/** Production servers for the server specs: `node server.mjs` on the build, each with its own environment. */
export type Haven = {
  url: string;
  proc: ChildProcess;
  log: () => string;
  /** Sends `signal` and resolves with the exit code and how long the exit took. */
  stop: (signal?: NodeJS.Signals) => Promise<{ code: number | null; ms: number }>;
};

export const basePort = Number(process.env.SERVERS_PORT ?? 3400);

export function requireBuild() {
  if (!fs.existsSync(".next/BUILD_ID")) throw new Error("No production build: run `npm run build` first.");
}

const baseEnv = (port: number): Record<string, string> => ({
  PATH: process.env.PATH ?? "",
  HOME: process.env.HOME ?? "",
  NODE_ENV: "production",
  NEXT_TELEMETRY_DISABLED: "1",
  PORT: String(port),
  HOSTNAME: "127.0.0.1",
  APP_URL: `http://localhost:${port}`,
  AUTH_SECRET: "servers-spec-secret-0123456789abcdef0123456789",
  FILE_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
  LOG_LEVEL: "info",
});

/** Runs e2e/servers/prepare.ts against the given database; returns a signed-in session cookie. */
export function prepareDatabase(env: Record<string, string>): string {
  const r = spawnSync("npx", ["tsx", "--conditions=react-server", "e2e/servers/prepare.ts"], {
    env: { ...baseEnv(0), ...env } as NodeJS.ProcessEnv,
    encoding: "utf8",
    timeout: 180_000,
  });
  if (r.status !== 0) throw new Error(`prepare failed:\n${r.stdout}\n${r.stderr}`);
  const line = r.stdout.trim().split("\n").pop()!;
  return (JSON.parse(line) as { cookie: string }).cookie;
}

export async function startHaven(port: number, env: Record<string, string>): Promise<Haven> {
  const proc = spawn(process.execPath, ["server.mjs"], {
    env: { ...baseEnv(port), ...env } as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  proc.stdout!.on("data", (d) => (out += d));
  proc.stderr!.on("data", (d) => (out += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      const r = await fetch(`${url}/api/health`);
      if (r.ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline || proc.exitCode !== null) throw new Error(`server did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    url,
    proc,
    log: () => out,
    stop: (signal = "SIGTERM") =>
      new Promise((resolve) => {
        if (proc.exitCode !== null) return resolve({ code: proc.exitCode, ms: 0 });
        const t0 = Date.now();
        proc.once("exit", (code) => resolve({ code, ms: Date.now() - t0 }));
        proc.kill(signal);
      }),
  };
}

/** Structured log lines of a server (JSON lines only). */
export function logLines(text: string): Record<string, unknown>[] {
  return text
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => {
      try {
        return JSON.parse(l) as Record<string, unknown>;
      } catch {
        return {};
      }
    });
}
