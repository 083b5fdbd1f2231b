import type { Metadata, Viewport } from "next";
import localFont from "next/font/local";
import { connection } from "next/server";
import "./globals.css";

// Inter is a committed copy of @fontsource-variable/inter's inter-latin-wght-normal.woff2, loaded with next/font/local:
// nothing is fetched at build or run time (docs/decisions.md, Platform notes: Fonts are local files).
const inter = localFont({ src: "./inter.woff2", variable: "--font-inter", display: "swap" });

export const metadata: Metadata = {
  title: { default: "Client Portal", template: "%s · Client Portal" },
  description: "A secure client portal for your therapy practice.",
  robots: { index: false, follow: false },
  referrer: "same-origin",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page is rendered per request: pages read the database (never opened by `next build`) and the
  // CSP nonce is per request.
  await connection();
  return (
    <html lang="en" className={inter.variable}>
      <body className="min-h-dvh font-sans">{children}</body>
    </html>
  );
}
