import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite ships WASM that must stay a server-side package (docs/decisions.md, Platform notes: PGlite is a server external package).
  serverExternalPackages: ["@electric-sql/pglite", "@react-pdf/renderer"],
  poweredByHeader: false,
  typedRoutes: false,
  experimental: {
    serverActions: { bodySizeLimit: "2mb" },
  },
};

export default nextConfig;
