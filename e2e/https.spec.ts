import fs from "node:fs";
import https from "node:https";
import http from "node:http";
import { cast, expect, signInByEmail, test } from "./fixtures";

/**
 * Haven behind a TLS-terminating reverse proxy (Caddy), as docs/deploy/ sets it up: APP_URL=https://…,
 * TRUST_PROXY=true. Runs only under playwright.https.config.ts, which starts the proxy with a locally generated CA.
 */
type Answer = { status: number; headers: http.IncomingHttpHeaders };

function get(url: string, ca?: Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const lib = url.startsWith("https:") ? https : http;
    // The CA generated for this run verifies the certificate: a TLS mistake fails here.
    const req = lib.get(url, ca ? { ca } : {}, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, headers: res.headers });
    });
    req.on("error", reject);
  });
}

const meta = () => test.info().config.metadata as { caFile: string; httpPort: number; httpsPort: number };

test("over HTTPS, plain HTTP redirects, HSTS is sent, and sign-in sets only Secure __Host- cookies", async ({
  page,
}) => {
  test.slow();
  const C = cast("https-sign-in");
  const { caFile, httpPort, httpsPort } = meta();
  const ca = fs.readFileSync(caFile);

  // The certificate verifies against the test CA, and every answer carries HSTS for at least a year.
  const signIn = await get(`https://localhost:${httpsPort}/sign-in`, ca);
  expect(signIn.status).toBe(200);
  const hsts = String(signIn.headers["strict-transport-security"] ?? "");
  expect(Number(/max-age=(\d+)/.exec(hsts)?.[1] ?? 0)).toBeGreaterThanOrEqual(31_536_000);

  // Plain HTTP is sent to the same path over HTTPS, permanently.
  const plain = await get(`http://localhost:${httpPort}/sign-in?from=plain`);
  expect([301, 308]).toContain(plain.status);
  expect(plain.headers.location).toBe(`https://localhost:${httpsPort}/sign-in?from=plain`);

  // A full sign-in through the proxy: the emailed link is an https:// link to the public address.
  await signInByEmail(page, C.pat.email);
  await expect(page).toHaveURL(new RegExp(`^https://localhost:${httpsPort}/portal`));
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const home = await page.goto("/portal");
  expect(home?.headers()["strict-transport-security"]).toContain("max-age=");

  const cookies = await page.context().cookies();
  expect(cookies.map((c) => c.name)).toContain("__Host-haven.session");
  for (const c of cookies) {
    expect(c.name, `cookie ${c.name}`).toMatch(/^__Host-/);
    expect(c.secure, `cookie ${c.name} is Secure`).toBe(true);
    expect(c.path, `cookie ${c.name} path`).toBe("/");
  }
  expect(cookies.find((c) => c.name === "__Host-haven.session")?.httpOnly).toBe(true);
});
