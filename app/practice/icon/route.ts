import { defineRoute } from "@/lib/auth/route";
import { getPracticeSettings } from "@/lib/practice/settings";
import { iconFile, imageResponse } from "@/lib/practice/logo-file";

export const dynamic = "force-dynamic";

/** The favicon: the practice logo, or its initial when there is none; ETag and a year's cache per version. */
export const GET = defineRoute(
  { name: "practice icon", who: "public", origin: "any", errors: "text" },
  async ({ req }) => {
    return imageResponse(req, iconFile(await getPracticeSettings()));
  },
);
