import type { Metadata, Viewport } from "next";
import localFont from "next/font/local";
import { headers } from "next/headers";
import { connection } from "next/server";
import { getPracticeSettings } from "@/lib/practice/settings";
import { startPageRender } from "@/lib/auth/auth";
import { iconHref } from "@/lib/practice/logo-file";
import { PracticeProvider } from "@/components/shell/practice-context";
import "./globals.css";

// Inter is a committed copy of @fontsource-variable/inter's inter-latin-wght-normal.woff2, loaded with next/font/local:
// nothing is fetched at build or run time (docs/decisions.md, Platform notes: Fonts are local files).
const inter = localFont({ src: "./inter.woff2", variable: "--font-inter", display: "swap" });

/**
 * Every tab says "<page> · <practice>" (each page sets its own title) and shows the practice's icon: its logo or
 * its initial, from a cached route (lib/practice/logo-file.ts).
 */
export async function generateMetadata(): Promise<Metadata> {
  await connection();
  await startPageRender();
  const practice = await getPracticeSettings();
  return {
    title: { default: practice.name, template: `%s · ${practice.name}` },
    description: `The secure client portal of ${practice.name}.`,
    icons: { icon: iconHref(practice) },
    robots: { index: false, follow: false },
    referrer: "same-origin",
  };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page is rendered per request: pages read the database (never opened by `next build`) and the
  // CSP nonce is per request.
  await connection();
  // On a signed-in request the settings come in one statement with the session the page's guard checks.
  await startPageRender();
  const practice = await getPracticeSettings();
  // Set by server.mjs (lib/core/server-lifecycle.mjs); a random id, never a client's value.
  const requestId = (await headers()).get("x-request-id");
  return (
    <html lang="en" className={inter.variable}>
      <body className="min-h-dvh font-sans">
        <PracticeProvider practice={{ name: practice.name, phone: practice.phone }} requestId={requestId}>
          {children}
        </PracticeProvider>
      </body>
    </html>
  );
}
