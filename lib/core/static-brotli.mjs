// @ts-check
/**
 * Brotli copies of Next's build output (docs/decisions.md, "Static files sent as brotli"). Next compresses what it
 * serves with gzip only; React, React DOM and the App Router alone are about 140 KiB of gzip on every page. The same
 * files compressed once with brotli at its highest quality are about 14 % smaller, which is the difference between
 * a page over and under its JavaScript budget on a phone. `npm run build` writes a `.br` file beside each script and
 * style sheet in `.next/static` (scripts/precompress-static.mjs); server.mjs sends that copy to a browser that
 * accepts brotli and leaves every other request to Next, unchanged.
 *
 * Plain JavaScript with JSDoc, like the rest of what server.mjs loads: Node 20 runs it without tsx.
 * lib/core/static-brotli.d.mts gives TypeScript callers its types.
 */
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

/** The URL prefix of Next's build output: content-hashed names, never changed once built. */
export const STATIC_PREFIX = "/_next/static/";
const TYPES = { ".js": "application/javascript; charset=UTF-8", ".css": "text/css; charset=UTF-8" };
/** Smaller files gain nothing worth a second copy. */
const MIN_BYTES = 1024;

/** @param {string} dir @returns {string[]} every file under `dir`, recursively */
function walk(dir) {
  /** @type {string[]} */
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p));
    else if (e.isFile()) out.push(p);
  }
  return out;
}

/**
 * Writes `<file>.br` beside every script and style sheet of at least 1 KiB under `staticDir` (brotli quality 11,
 * the slowest and smallest: done once per build). Returns how many files and bytes before and after.
 * @param {string} staticDir
 */
export function precompressStatic(staticDir) {
  let files = 0;
  let before = 0;
  let after = 0;
  for (const file of walk(staticDir)) {
    if (!(path.extname(file) in TYPES)) continue;
    const body = fs.readFileSync(file);
    if (body.length < MIN_BYTES) continue;
    const br = zlib.brotliCompressSync(body, {
      params: {
        [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
        [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    });
    fs.writeFileSync(`${file}.br`, br);
    files++;
    before += body.length;
    after += br.length;
  }
  return { files, before, after };
}

/**
 * Whether an Accept-Encoding header accepts brotli (`br`, not `br;q=0`). `*` is not taken as brotli.
 * @param {string | string[] | undefined} header
 */
export function acceptsBrotli(header) {
  const value = Array.isArray(header) ? header.join(",") : (header ?? "");
  return value.split(",").some((part) => {
    const [name, ...params] = part.split(";").map((s) => s.trim().toLowerCase());
    if (name !== "br") return false;
    const q = params.find((p) => p.startsWith("q="));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

/**
 * A request handler for the brotli copies under `staticDir`: answers (and returns true) a GET or HEAD of
 * `/_next/static/…` whose `.br` copy was built, from a browser that accepts brotli; returns false for anything else,
 * for Next to serve. Which copies exist is read once, when the server starts: the build never changes under it.
 * Only files found in that listing are ever opened, so no request path can reach outside `staticDir`.
 * @param {string} staticDir
 * @returns {(req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) => boolean}
 */
export function createBrotliStatic(staticDir) {
  const root = path.resolve(staticDir);
  /** @type {Map<string, { file: string; type: string; size: number; etag: string }>} */
  const copies = new Map();
  if (fs.existsSync(root)) {
    for (const file of walk(root)) {
      if (!file.endsWith(".br")) continue;
      const original = file.slice(0, -3);
      const type = TYPES[/** @type {keyof typeof TYPES} */ (path.extname(original))];
      if (!type || !fs.existsSync(original)) continue;
      const { size, mtimeMs } = fs.statSync(file);
      const urlPath = STATIC_PREFIX + path.relative(root, original).split(path.sep).join("/");
      copies.set(urlPath, { file, type, size, etag: `"br-${size.toString(36)}-${Math.round(mtimeMs).toString(36)}"` });
    }
  }
  return (req, res) => {
    if (copies.size === 0 || (req.method !== "GET" && req.method !== "HEAD")) return false;
    const url = req.url ?? "";
    if (!url.startsWith(STATIC_PREFIX)) return false;
    const copy = copies.get(url.split("?")[0]);
    if (!copy || !acceptsBrotli(req.headers["accept-encoding"])) return false;
    res.setHeader("Cache-Control", "public, max-age=31536000, immutable");
    res.setHeader("Content-Type", copy.type);
    res.setHeader("Vary", "Accept-Encoding");
    res.setHeader("ETag", copy.etag);
    if (req.headers["if-none-match"] === copy.etag) {
      res.statusCode = 304;
      res.end();
      return true;
    }
    res.setHeader("Content-Encoding", "br");
    res.setHeader("Content-Length", copy.size);
    if (req.method === "HEAD") {
      res.end();
      return true;
    }
    fs.createReadStream(copy.file)
      .on("error", () => res.destroy())
      .pipe(res);
    return true;
  };
}
