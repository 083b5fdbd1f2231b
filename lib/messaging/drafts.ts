import "server-only";
import { and, eq } from "drizzle-orm";
import { db, type DbOrTx } from "@/db";
import { messageDrafts } from "@/db/schema";
import { now } from "@/lib/core/clock";
import type { Principal } from "@/lib/core/principal";
import { findProfile } from "@/lib/profiles/access";

/**
 * Unsent messages kept as they are typed (docs/decisions.md, Messaging: drafts). A draft is one person's, for one
 * profile's conversation: saved by the compose field a moment after typing stops and when the page is left, shown
 * in the field on the next visit (after a crash, a closed tab, an expired session), and removed in the same
 * transaction that sends the message. Only a person who may write in the profile's conversation can save or read
 * one (`findProfile`: 404 otherwise). Saving is not audited (it would be a row every few seconds of typing); the
 * page that shows a draft is the thread, whose view is.
 */

/** Saves `body` as the person's draft for the profile; blank text removes the draft. */
export async function saveMessageDraft(
  p: Pick<Principal, "userId" | "role">,
  profileId: string,
  body: string,
): Promise<{ saved: boolean }> {
  const profile = await findProfile(p, profileId);
  if (body.trim() === "") {
    await removeMessageDraft(p, profile.id);
    return { saved: false };
  }
  const t = now();
  await db
    .insert(messageDrafts)
    .values({ profileId: profile.id, userId: p.userId, body, updatedAt: t })
    .onConflictDoUpdate({ target: [messageDrafts.profileId, messageDrafts.userId], set: { body, updatedAt: t } });
  return { saved: true };
}

/** The person's draft for a profile they may reach (checked by the caller), or "". */
export async function messageDraftOf(
  p: Pick<Principal, "userId">,
  profileId: string,
  on: DbOrTx = db,
): Promise<string> {
  const [row] = await on
    .select({ body: messageDrafts.body })
    .from(messageDrafts)
    .where(and(eq(messageDrafts.profileId, profileId), eq(messageDrafts.userId, p.userId)))
    .limit(1);
  return row?.body ?? "";
}

/** Removes the person's draft for the profile (sent, or emptied). */
export async function removeMessageDraft(p: Pick<Principal, "userId">, profileId: string, on: DbOrTx = db) {
  await on.delete(messageDrafts).where(and(eq(messageDrafts.profileId, profileId), eq(messageDrafts.userId, p.userId)));
}
