import "server-only";
import { cache } from "react";
import { eq } from "drizzle-orm";
import { db, type DbOrTx } from "@/db";
import { runPrepared } from "@/db/prepared";
import { practiceSettings, type NewPracticeSettings, type PracticeSettings } from "@/db/schema";
import { audit } from "@/lib/audit/write";
import { isAdmin, type Principal } from "@/lib/core/principal";
import { now } from "@/lib/core/clock";
import { todayInZone } from "@/lib/core/time";
import { NotFoundError, ValidationError } from "@/lib/core/errors";
import { checkLogoDataUrl } from "./logo";
import type { PracticeSettingsData } from "./schemas";

export const DEFAULT_PRACTICE_NAME = "Haven";

/**
 * The practice's settings row (one deployment, one practice). Falls back to a name when not yet seeded.
 * Read once per server render (React `cache`, docs/decisions.md "Per-request memoisation"): the root layout, its
 * metadata and the page share one read (on a signed-in request, the one that also reads the session). Inside a transaction (`on` given) it is always read afresh.
 */
export async function getPracticeSettings(on: DbOrTx = db): Promise<PracticeSettings> {
  return on === db ? settingsOfRequest() : readPracticeSettings(on);
}

const settingsOfRequest = cache(async () => heldOfRender().row ?? readPracticeSettings(db));

/**
 * The settings row the root layout's statement already read with the session (lib/auth/auth.ts
 * `startPageRender`), held for this render only (React `cache`: one holder per server render; an action or a route
 * gets a fresh, empty one and reads its own).
 */
const heldOfRender = cache((): { row: PracticeSettings | null } => ({ row: null }));

export function holdPracticeSettings(row: PracticeSettings) {
  heldOfRender().row = row;
}

async function readPracticeSettings(on: DbOrTx): Promise<PracticeSettings> {
  // Every page reads it: outside a transaction, a statement built once (db/prepared.ts).
  const [row] =
    on === db
      ? await runPrepared("practice.settings", (d) =>
          d.select().from(practiceSettings).where(eq(practiceSettings.id, 1)).limit(1).prepare("practice_settings"),
        )
      : await on.select().from(practiceSettings).where(eq(practiceSettings.id, 1)).limit(1);
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
      crisisText: null,
      cancellationWindowHours: 24,
      cancellationPolicy: null,
      reminderLeadHours: 24,
      telehealthLinkMinutes: 15,
      clientMessaging: true,
      updatedAt: new Date(0),
    }
  );
}

/**
 * Saves the practice settings (admin). Audited with the names of the fields that changed (values stay out of
 * the log). Invalid input never reaches here: the action parses it with the same schema as the form.
 */
export async function updatePracticeSettings(p: Principal, d: PracticeSettingsData): Promise<{ changed: string[] }> {
  if (!isAdmin(p)) throw new NotFoundError();
  return db.transaction(async (tx) => {
    const before = await getPracticeSettings(tx);
    const { logo, ...fields } = d;
    const values: Partial<NewPracticeSettings> = { ...fields };
    if (logo === "remove") values.logoDataUrl = null;
    else if (logo) {
      const r = checkLogoDataUrl(logo);
      if (!r.ok) throw new ValidationError("Please correct the highlighted fields.", { logo: [r.error] });
      values.logoDataUrl = r.dataUrl;
    }
    const changed = (Object.keys(values) as (keyof typeof values)[]).filter(
      (k) => (values[k] ?? null) !== (before[k as keyof PracticeSettings] ?? null),
    );
    await tx
      .insert(practiceSettings)
      .values({ id: 1, ...values, name: values.name ?? before.name, updatedAt: now() })
      .onConflictDoUpdate({ target: practiceSettings.id, set: { ...values, updatedAt: now() } });
    await audit(
      { action: "settings.update", actor: p, targetType: "practice_settings", targetId: "1", detail: { changed } },
      tx,
    );
    return { changed };
  });
}

/** Today's calendar day (YYYY-MM-DD) in the practice's time zone: every "today" rule reads it here (lib/core/time.ts). */
export async function practiceToday(on: DbOrTx = db): Promise<string> {
  return todayInZone(now(), (await getPracticeSettings(on)).timeZone);
}
