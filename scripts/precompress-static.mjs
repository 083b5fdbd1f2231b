// @ts-check
/**
 * The last step of `npm run build`: a brotli copy beside each script and style sheet Next built into .next/static,
 * which server.mjs sends to browsers that accept brotli (lib/core/static-brotli.mjs).
 */
import { precompressStatic } from "../lib/core/static-brotli.mjs";

const started = Date.now();
const { files, before, after } = precompressStatic(".next/static");
/** @param {number} n */
const kib = (n) => `${(n / 1024).toFixed(0)} KiB`;
console.log(
  `Brotli copies of ${files} static files: ${kib(before)} → ${kib(after)} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
);
