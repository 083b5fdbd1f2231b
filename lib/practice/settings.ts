import "server-only";
import { eq } from "drizzle-orm";
import { db, type DbOrTx } from "@/db";
import { practiceSettings, type PracticeSettings } from "@/db/schema";

export const DEFAULT_PRACTICE_NAME = "Haven";

/** The practice's settings row (one deployment, one practice). Falls back to a name when not yet seeded. */
export async function getPracticeSettings(on: DbOrTx = db): Promise<PracticeSettings> {
  const [row] = await on.select().from(practiceSettings).where(eq(practiceSettings.id, 1)).limit(1);
  return (
    row ?? {
      id: 1,
      name: DEFAULT_PRACTICE_NAME,
      legalName: null,
      addressLine1: null,
      addressLine2: null,
      city: null,
      state: null,
      postalCode: null,
      phone: null,
      timeZone: "America/New_York",
      ein: null,
      organizationNpi: null,
      logoDataUrl: null,
      uploadLimitMb: 25,
      updatedAt: new Date(0),
    }
  );
}
