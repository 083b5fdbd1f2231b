import { defineConfig } from "@playwright/test";
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { CHROMIUM_ARGS, chromiumPath } from "./playwright.config";

/**
 * The HTTPS project (docs/deploy/README.md): the production build behind Caddy, which terminates TLS with a
 * certificate from a CA generated here by openssl, and forwards to `npm start` with APP_URL=https://… and
 * TRUST_PROXY=true — the set-up docs/deploy/ recommends. Chromium trusts that one certificate only (by its public
 * key hash), not every certificate. Run: `npx playwright test -c playwright.https.config.ts` (needs `caddy`,
 * Debian package). Ports: the app on E2E_PORT (default 3120), HTTPS on +10, plain HTTP (redirects) on +20.
 */
const appPort = Number(process.env.E2E_PORT ?? 3120);
export const HTTPS_PORT = appPort + 10;
export const HTTP_PORT = appPort + 20;
const dataDir = process.env.E2E_DATA_DIR ?? ".e2e-https";
const tlsDir = path.resolve(`${dataDir}-tls`);
const baseURL = `https://localhost:${HTTPS_PORT}`;

/** A throwaway CA and a certificate for localhost signed by it; made once (the config is loaded by every worker). */
function ensureCertificates(): { spki: string } {
  const ca = path.join(tlsDir, "ca.pem");
  const chain = path.join(tlsDir, "chain.pem");
  if (!fs.existsSync(chain)) {
    fs.mkdirSync(tlsDir, { recursive: true });
    const run = (...args: string[]) => execFileSync("openssl", args, { cwd: tlsDir, stdio: "pipe" });
    run(
      ...["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "30"],
      ...["-subj", "/CN=Haven test CA", "-addext", "basicConstraints=critical,CA:TRUE"],
      ...["-addext", "keyUsage=critical,keyCertSign,cRLSign"],
    );
    fs.writeFileSync(
      path.join(tlsDir, "leaf.ext"),
      "subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\nbasicConstraints=critical,CA:FALSE\n",
    );
    run("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "leaf.key", "-out", "leaf.csr", "-subj", "/CN=localhost");
    run(
      ...["x509", "-req", "-in", "leaf.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial"],
      ...["-out", "leaf.pem", "-days", "30", "-extfile", "leaf.ext"],
    );
    fs.writeFileSync(chain, fs.readFileSync(path.join(tlsDir, "leaf.pem"), "utf8") + fs.readFileSync(ca, "utf8"));
  }
  const leaf = new crypto.X509Certificate(fs.readFileSync(path.join(tlsDir, "leaf.pem")));
  const der = leaf.publicKey.export({ type: "spki", format: "der" });
  return { spki: crypto.createHash("sha256").update(der).digest("base64") };
}

const { spki } = ensureCertificates();

/** Caddy's configuration for the test: the same shape as docs/deploy/Caddyfile, on test ports and files. */
fs.writeFileSync(
  path.join(tlsDir, "Caddyfile"),
  `{
	admin off
	auto_https off
}

https://localhost:${HTTPS_PORT} {
	tls ${path.join(tlsDir, "chain.pem")} ${path.join(tlsDir, "leaf.key")}
	reverse_proxy 127.0.0.1:${appPort}
}

http://localhost:${HTTP_PORT} {
	redir https://localhost:${HTTPS_PORT}{uri} permanent
}
`,
);

export default defineConfig({
  testDir: "e2e",
  testMatch: /https\.spec\.ts$/,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: [["list"]],
  metadata: { caFile: path.join(tlsDir, "ca.pem"), httpPort: HTTP_PORT, httpsPort: HTTPS_PORT },
  use: {
    baseURL,
    viewport: { width: 360, height: 780 },
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: chromiumPath(),
      // Trust exactly the test certificate (by its public key), so a TLS mistake still fails the test.
      args: [...CHROMIUM_ARGS, `--ignore-certificate-errors-spki-list=${spki}`],
    },
  },
  webServer: [
    {
      command: `rm -rf ${dataDir} && npx tsx --conditions=react-server e2e/seed.ts && npm start`,
      url: `http://127.0.0.1:${appPort}/api/health`,
      timeout: 300_000,
      reuseExistingServer: false,
      env: {
        PORT: String(appPort),
        // Behind the proxy only: it is the one way in (docs/deploy/README.md).
        HOSTNAME: "127.0.0.1",
        TRUST_PROXY: "true",
        NEXT_TELEMETRY_DISABLED: "1",
        DATA_DIR: dataDir,
        APP_URL: baseURL,
        DEV_MAILBOX: "on",
        EMAIL_DELIVERER: "on",
        RESEND_API_KEY: "",
        STRIPE_SECRET_KEY: "",
        NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: "",
        UPLOADTHING_TOKEN: "",
        DATABASE_URL: "",
      },
      stdout: "pipe",
      stderr: "pipe",
    },
    {
      command: `caddy run --adapter caddyfile --config ${path.join(tlsDir, "Caddyfile")}`,
      url: `${baseURL}/api/health`,
      // Only this readiness probe skips verification; the spec's own requests check the certificate.
      ignoreHTTPSErrors: true,
      timeout: 60_000,
      reuseExistingServer: false,
      env: { XDG_DATA_HOME: tlsDir, XDG_CONFIG_HOME: tlsDir, HOME: tlsDir },
      stdout: "pipe",
      stderr: "pipe",
    },
  ],
});
