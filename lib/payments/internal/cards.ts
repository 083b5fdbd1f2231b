import "server-only";
import { and, desc, eq, isNull } from "drizzle-orm";
import { db, type DbOrTx } from "@/db";
import { cardAuthorizations, paymentCustomers, paymentMethods, type PaymentMethod } from "@/db/schema";
import { audit } from "@/lib/audit/write";
import { now } from "@/lib/core/clock";
import { isUuid } from "@/lib/core/validation";
import { requestMeta } from "@/lib/core/http";
import { getPracticeSettings } from "@/lib/practice/settings";
import { cardConsentText } from "../consent";
import { paymentProvider } from "../index";
import type { CardDetails } from "../provider";

/**
 * Cards on file without a principal: the provider customer, the profile's default card, storing a card with the
 * client's authorisation. Callers in lib/payments/ have authorised the request first (the client's own card, a
 * verified webhook, staff scope), so these live in internal/ where nothing outside payments can reach them.
 */
/** The profile's provider customer, created once (unique per profile and provider; a race keeps the first). */
export async function ensureCustomer(profileId: string): Promise<{ id: string; providerCustomerId: string }> {
  const provider = paymentProvider();
  const find = async () =>
    (
      await db
        .select()
        .from(paymentCustomers)
        .where(and(eq(paymentCustomers.profileId, profileId), eq(paymentCustomers.provider, provider.mode)))
        .limit(1)
    )[0];
  const existing = await find();
  if (existing) return existing;
  // The idempotency key makes a retried or concurrent create return Stripe's same customer.
  const created = await provider.createCustomer({ profileId, idempotencyKey: `customer:${profileId}` });
  await db
    .insert(paymentCustomers)
    .values({ profileId, provider: provider.mode, providerCustomerId: created.id, createdAt: now() })
    .onConflictDoNothing();
  const row = await find();
  if (!row) throw new Error("customer row missing after insert");
  return row;
}

/** The provider customer a saved card is attached to (the profile's on which it was saved). */
export async function customerOfCard(card: PaymentMethod): Promise<{ id: string; providerCustomerId: string }> {
  const [row] = await db.select().from(paymentCustomers).where(eq(paymentCustomers.id, card.customerId)).limit(1);
  if (!row) throw new Error("card without its customer row");
  return row;
}

/** The card staff charge for a profile: its default card. */
export async function findDefaultCard(profileId: string, on: DbOrTx = db): Promise<PaymentMethod | null> {
  const [row] = await on
    .select()
    .from(paymentMethods)
    .where(
      and(
        eq(paymentMethods.profileId, profileId),
        eq(paymentMethods.isDefault, true),
        eq(paymentMethods.provider, paymentProvider().mode),
      ),
    )
    .limit(1);
  return row ?? null;
}

/**
 * Stores a provider payment method as a card on file with the client's authorisation (consent text, time, user,
 * IP). Idempotent by the provider's id: the browser's confirmation and the webhook may both arrive.
 */
export async function storeCard(
  tx: DbOrTx,
  input: {
    profileId: string;
    ownerUserId: string;
    customerRowId: string;
    providerPaymentMethodId: string;
    card: CardDetails;
    consentAt: Date;
    replaces?: string | null;
    ip?: string | null;
    userAgent?: string | null;
  },
): Promise<PaymentMethod> {
  // The card's details are fetched from the provider before the transaction (no network call, and on PGlite no
  // second query, while the transaction holds the connection).
  const provider = paymentProvider();
  const card = input.card;
  const [already] = await tx
    .select()
    .from(paymentMethods)
    .where(eq(paymentMethods.providerPaymentMethodId, input.providerPaymentMethodId))
    .limit(1);
  if (already) return already;
  const [hasDefault] = await tx
    .select({ id: paymentMethods.id })
    .from(paymentMethods)
    .where(
      and(
        eq(paymentMethods.profileId, input.profileId),
        eq(paymentMethods.isDefault, true),
        eq(paymentMethods.provider, provider.mode),
      ),
    )
    .limit(1);
  const replacing = input.replaces
    ? (
        await tx
          .select()
          .from(paymentMethods)
          .where(
            and(
              eq(paymentMethods.id, input.replaces),
              eq(paymentMethods.profileId, input.profileId),
              eq(paymentMethods.ownerUserId, input.ownerUserId),
            ),
          )
          .limit(1)
      )[0]
    : undefined;
  const makeDefault = !hasDefault || Boolean(replacing?.isDefault);
  if (replacing) await removeCardRow(tx, replacing);
  const [row] = await tx
    .insert(paymentMethods)
    .values({
      profileId: input.profileId,
      ownerUserId: input.ownerUserId,
      customerId: input.customerRowId,
      provider: provider.mode,
      providerPaymentMethodId: input.providerPaymentMethodId,
      brand: card.brand,
      last4: card.last4,
      expMonth: card.expMonth,
      expYear: card.expYear,
      isDefault: makeDefault,
      createdAt: now(),
    })
    .returning();
  const practice = await getPracticeSettings(tx);
  const meta = input.ip === undefined ? await requestMeta() : { ip: input.ip, userAgent: input.userAgent ?? null };
  await tx.insert(cardAuthorizations).values({
    profileId: input.profileId,
    userId: input.ownerUserId,
    providerPaymentMethodId: input.providerPaymentMethodId,
    brand: card.brand,
    last4: card.last4,
    consentText: cardConsentText(practice.name),
    agreedAt: input.consentAt,
    ip: meta.ip,
    userAgent: meta.userAgent,
  });
  await audit(
    {
      action: "payment.card_added",
      actorUserId: input.ownerUserId,
      actorRole: "client",
      profileId: input.profileId,
      targetType: "payment_method",
      targetId: row.id,
      detail: { replaced: replacing?.id ?? null },
    },
    tx,
  );
  if (replacing) {
    // The replaced card leaves the provider too (best effort after our rows are written).
    await provider.detachCard(replacing.providerPaymentMethodId).catch(() => undefined);
  }
  return row;
}

export async function removeCardRow(tx: DbOrTx, card: PaymentMethod) {
  await tx.delete(paymentMethods).where(eq(paymentMethods.id, card.id));
  await tx
    .update(cardAuthorizations)
    .set({ revokedAt: now() })
    .where(
      and(
        eq(cardAuthorizations.providerPaymentMethodId, card.providerPaymentMethodId),
        isNull(cardAuthorizations.revokedAt),
      ),
    );
  if (card.isDefault) {
    // The profile keeps a default when it still has a card: the newest one.
    const [next] = await tx
      .select({ id: paymentMethods.id })
      .from(paymentMethods)
      .where(and(eq(paymentMethods.profileId, card.profileId), eq(paymentMethods.provider, card.provider)))
      .orderBy(desc(paymentMethods.createdAt))
      .limit(1);
    if (next) await tx.update(paymentMethods).set({ isDefault: true }).where(eq(paymentMethods.id, next.id));
  }
}

/**
 * Shared by the browser's confirmation and the `setup_intent.succeeded` webhook: the SetupIntent's metadata says
 * whose card it is and when they agreed; the customer must be that profile's.
 */
export async function saveFromSetupIntent(
  tx: DbOrTx,
  si: { customerId: string | null; paymentMethodId: string | null; metadata: Record<string, string> },
  card: CardDetails,
  customer: { id: string; profileId: string; providerCustomerId: string } | undefined,
  meta: { ip: string | null; userAgent: string | null } = { ip: null, userAgent: null },
): Promise<PaymentMethod> {
  const { profileId, userId, consentAt, replaces } = si.metadata;
  if (!isUuid(profileId) || !isUuid(userId) || !consentAt || !si.paymentMethodId)
    throw new Error("setup intent without our metadata");
  if (!customer || customer.profileId !== profileId || customer.providerCustomerId !== si.customerId)
    throw new Error("setup intent for another customer");
  return storeCard(tx, {
    profileId,
    ownerUserId: userId,
    customerRowId: customer.id,
    providerPaymentMethodId: si.paymentMethodId,
    card,
    consentAt: new Date(consentAt),
    replaces: replaces ?? null,
    ip: meta.ip,
    userAgent: meta.userAgent,
  });
}
