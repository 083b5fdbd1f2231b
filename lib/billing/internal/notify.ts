import "server-only";
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { profileAccess, users } from "@/db/schema";
import { appUrl, enqueueEmail } from "@/lib/email/outbox";

/**
 * Tells every active portal user of the profile that a billing document is ready. Called inside the transaction
 * that sends the document. The email carries no amounts and no PHI, only a link to the portal (docs/product.md, Email).
 */
export async function notifyBillingDocument(tx: DbOrTx, profileId: string): Promise<number> {
  const recipients = await tx
    .select({ id: users.id, email: users.email })
    .from(profileAccess)
    .innerJoin(users, eq(users.id, profileAccess.userId))
    .where(and(eq(profileAccess.profileId, profileId), eq(users.active, true)));
  for (const r of recipients) {
    await enqueueEmail(tx, {
      to: r.email,
      template: "billing-document",
      props: { url: appUrl("/portal/billing") },
      userId: r.id,
    });
  }
  return recipients.length;
}
