import type { Metadata, Viewport } from "next";
import localFont from "next/font/local";
import { connection } from "next/server";
import "./globals.css";

// Fonts come from npm (@fontsource-variable/inter), never fetched at build or run time (STACK-NOTES).
const inter = localFont({ src: "./inter.woff2", variable: "--font-inter", display: "swap" });

export const metadata: Metadata = {
  title: { default: "Client Portal", template: "%s · Client Portal" },
  description: "A secure client portal for your therapy practice.",
  robots: { index: false, follow: false },
  referrer: "no-referrer",
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
