import type { NextConfig } from "next";

// `npm run bench pages` compares every page with a minimal dynamic page built only for it (app/bench-floor,
// docs/performance.md): HAVEN_BENCH_BUILD=1 at build time compiles `*.bench.tsx` pages too; no shipped build has one.
// eslint-disable-next-line no-restricted-properties -- a build-time switch, read before lib/core/env.ts can be
const benchBuild = process.env.HAVEN_BENCH_BUILD === "1";

const nextConfig: NextConfig = {
  // PGlite ships WASM that must stay a server-side package (docs/decisions.md, Platform notes: PGlite is a server external package).
  serverExternalPackages: ["@electric-sql/pglite", "@react-pdf/renderer"],
  poweredByHeader: false,
  typedRoutes: false,
  pageExtensions: benchBuild ? ["tsx", "ts", "jsx", "js", "bench.tsx"] : ["tsx", "ts", "jsx", "js"],
  experimental: {
    serverActions: { bodySizeLimit: "2mb" },
  },
};

export default nextConfig;
