import { defineRoute } from "@/lib/auth/route";
import { getPracticeSettings } from "@/lib/practice/settings";
import { imageResponse, logoFile } from "@/lib/practice/logo-file";

export const dynamic = "force-dynamic";

/** The practice logo, public like the sign-in page that shows it; ETag and a year's cache per version. */
export const GET = defineRoute(
  { name: "practice logo", who: "public", origin: "any", errors: "text" },
  async ({ req }) => {
    const s = await getPracticeSettings();
    return imageResponse(req, s.logoDataUrl ? logoFile(s.logoDataUrl) : null);
  },
);
