import "server-only";
import { db, type DbOrTx } from "@/db";
import { now } from "@/lib/core/clock";
import { ValidationError } from "@/lib/core/errors";
import { dateInZone, todayInZone } from "@/lib/core/time";
import { getPracticeSettings } from "@/lib/practice/settings";

/**
 * The "as of" day of a statement or superbill (docs/decisions.md, Money): the day chosen by staff, today in the
 * practice's time zone by default, never in the future (nothing has happened yet after today).
 */
export async function resolveAsOf(asOf: string | undefined, on: DbOrTx = db): Promise<string> {
  const today = todayInZone(now(), (await getPracticeSettings(on)).timeZone);
  if (!asOf) return today;
  if (asOf > today) {
    const msg = "The as-of date cannot be in the future.";
    throw new ValidationError(msg, { asOf: [msg] });
  }
  return asOf;
}

/** For documents generated before "as of" existed: the day they were generated, in the practice's zone. */
export async function generatedOn(createdAt: Date, on: DbOrTx = db): Promise<string> {
  return dateInZone(createdAt, (await getPracticeSettings(on)).timeZone);
}
