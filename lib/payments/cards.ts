import "server-only";
import { and, desc, eq, isNull } from "drizzle-orm";
import { db, type DbOrTx } from "@/db";
import { cardAuthorizations, paymentCustomers, paymentMethods, type PaymentMethod } from "@/db/schema";
import { audit } from "@/lib/audit/write";
import type { Principal } from "@/lib/core/principal";
import { now } from "@/lib/core/clock";
import { NotFoundError } from "@/lib/core/errors";
import { getPracticeSettings } from "@/lib/practice/settings";
import { findProfile, isUuid } from "@/lib/profiles/access";
import { requestMeta } from "@/lib/core/http";
import type { ClientProfile } from "@/db/schema";
import { cardConsentText } from "./consent";
import { paymentProvider } from "./index";
import { localProvider } from "./local";
import { CardDeclinedError, type CardDetails } from "./provider";

/**
 * Cards on file (docs/product.md, Payments; docs/decisions.md, Card on file and payments: Whose card). A card belongs to the profile's paying user who added it (a guardian
 * pays for a minor) and is used for that profile's invoices; the portal lists and manages only the signed-in
 * user's own cards on the active profile. Every change is audited (docs/product.md, Audit: card changes).
 */
export type SavedCard = Pick<PaymentMethod, "id" | "brand" | "last4" | "expMonth" | "expYear" | "isDefault" | "createdAt">;

/** The profile's provider customer, created once (unique per profile and provider; a race keeps the first). */
export async function ensureCustomer(profileId: string): Promise<{ id: string; providerCustomerId: string }> {
  const provider = paymentProvider();
  const find = async () =>
    (await db.select().from(paymentCustomers).where(and(eq(paymentCustomers.profileId, profileId), eq(paymentCustomers.provider, provider.mode))).limit(1))[0];
  const existing = await find();
  if (existing) return existing;
  // The idempotency key makes a retried or concurrent create return Stripe's same customer.
  const created = await provider.createCustomer({ profileId, idempotencyKey: `customer:${profileId}` });
  await db.insert(paymentCustomers).values({ profileId, provider: provider.mode, providerCustomerId: created.id, createdAt: now() }).onConflictDoNothing();
  const row = await find();
  if (!row) throw new Error("customer row missing after insert");
  return row;
}

export async function listMyCards(principal: Principal, profile: ClientProfile): Promise<SavedCard[]> {
  return db
    .select({ id: paymentMethods.id, brand: paymentMethods.brand, last4: paymentMethods.last4, expMonth: paymentMethods.expMonth, expYear: paymentMethods.expYear, isDefault: paymentMethods.isDefault, createdAt: paymentMethods.createdAt })
    .from(paymentMethods)
    .where(and(eq(paymentMethods.profileId, profile.id), eq(paymentMethods.ownerUserId, principal.userId), eq(paymentMethods.provider, paymentProvider().mode)))
    .orderBy(desc(paymentMethods.isDefault), desc(paymentMethods.createdAt));
}

/** One of the signed-in user's cards on the active profile, or NotFoundError. */
export async function findMyCard(principal: Principal, profile: ClientProfile, id: string, on: DbOrTx = db): Promise<PaymentMethod> {
  if (!isUuid(id)) throw new NotFoundError("That card was not found.");
  const [row] = await on
    .select()
    .from(paymentMethods)
    .where(and(eq(paymentMethods.id, id), eq(paymentMethods.profileId, profile.id), eq(paymentMethods.ownerUserId, principal.userId), eq(paymentMethods.provider, paymentProvider().mode)))
    .limit(1);
  if (!row) throw new NotFoundError("That card was not found.");
  return row;
}

/** The card staff charge for a profile: its default card. */
export async function findDefaultCard(profileId: string, on: DbOrTx = db): Promise<PaymentMethod | null> {
  const [row] = await on
    .select()
    .from(paymentMethods)
    .where(and(eq(paymentMethods.profileId, profileId), eq(paymentMethods.isDefault, true), eq(paymentMethods.provider, paymentProvider().mode)))
    .limit(1);
  return row ?? null;
}

/**
 * Stores a provider payment method as a card on file with the client's authorisation (consent text, time, user,
 * IP). Idempotent by the provider's id: the browser's confirmation and the webhook may both arrive.
 */
export async function storeCard(
  tx: DbOrTx,
  input: { profileId: string; ownerUserId: string; customerRowId: string; providerPaymentMethodId: string; card: CardDetails; consentAt: Date; replaces?: string | null; ip?: string | null; userAgent?: string | null },
): Promise<PaymentMethod> {
  // The card's details are fetched from the provider before the transaction (no network call, and on PGlite no
  // second query, while the transaction holds the connection).
  const provider = paymentProvider();
  const card = input.card;
  const [already] = await tx.select().from(paymentMethods).where(eq(paymentMethods.providerPaymentMethodId, input.providerPaymentMethodId)).limit(1);
  if (already) return already;
  const [hasDefault] = await tx
    .select({ id: paymentMethods.id })
    .from(paymentMethods)
    .where(and(eq(paymentMethods.profileId, input.profileId), eq(paymentMethods.isDefault, true), eq(paymentMethods.provider, provider.mode)))
    .limit(1);
  const replacing = input.replaces
    ? (
        await tx
          .select()
          .from(paymentMethods)
          .where(and(eq(paymentMethods.id, input.replaces), eq(paymentMethods.profileId, input.profileId), eq(paymentMethods.ownerUserId, input.ownerUserId)))
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
  await audit({ action: "payment.card_added", actorUserId: input.ownerUserId, actorRole: "client", profileId: input.profileId, targetType: "payment_method", targetId: row.id, detail: { replaced: replacing?.id ?? null } }, tx);
  if (replacing) {
    // The replaced card leaves the provider too (best effort after our rows are written).
    await provider.detachCard(replacing.providerPaymentMethodId).catch(() => undefined);
  }
  return row;
}

async function removeCardRow(tx: DbOrTx, card: PaymentMethod) {
  await tx.delete(paymentMethods).where(eq(paymentMethods.id, card.id));
  await tx
    .update(cardAuthorizations)
    .set({ revokedAt: now() })
    .where(and(eq(cardAuthorizations.providerPaymentMethodId, card.providerPaymentMethodId), isNull(cardAuthorizations.revokedAt)));
  if (card.isDefault) {
    // The profile keeps a default when it still has a card: the newest one.
    const [next] = await tx.select({ id: paymentMethods.id }).from(paymentMethods).where(and(eq(paymentMethods.profileId, card.profileId), eq(paymentMethods.provider, card.provider))).orderBy(desc(paymentMethods.createdAt)).limit(1);
    if (next) await tx.update(paymentMethods).set({ isDefault: true }).where(eq(paymentMethods.id, next.id));
  }
}

/** Test mode: the local card form sent a token, brand, last 4 and expiry (never the number). */
export async function addTestCard(
  principal: Principal,
  profile: ClientProfile,
  input: { token: string; brand: string; last4: string; expMonth: number; expYear: number; replaces?: string },
): Promise<SavedCard> {
  if (paymentProvider().mode !== "test") throw new NotFoundError();
  if (input.replaces) await findMyCard(principal, profile, input.replaces);
  const customer = await ensureCustomer(profile.id);
  const pm = await localProvider.createTestCard(input);
  try {
    await localProvider.confirmTestCardSetup({ customerId: customer.providerCustomerId, paymentMethodId: pm.id });
  } catch (e) {
    if (e instanceof CardDeclinedError) await audit({ action: "payment.card_declined", actor: principal, profileId: profile.id, detail: { code: e.code } });
    throw e;
  }
  const consentAt = now();
  const card = await localProvider.retrieveCard(pm.id);
  return db.transaction((tx) =>
    storeCard(tx, { profileId: profile.id, ownerUserId: principal.userId, customerRowId: customer.id, providerPaymentMethodId: pm.id, card, consentAt, replaces: input.replaces }),
  );
}

/** Stripe: the client agreed and pressed Save; a SetupIntent carries the agreement time to the confirmation. */
export async function startStripeCardSetup(principal: Principal, profile: ClientProfile, replaces?: string): Promise<{ clientSecret: string }> {
  const provider = paymentProvider();
  if (provider.mode !== "stripe") throw new NotFoundError();
  if (replaces) await findMyCard(principal, profile, replaces);
  const customer = await ensureCustomer(profile.id);
  const si = await provider.createSetupIntent({
    customerId: customer.providerCustomerId,
    metadata: { profileId: profile.id, userId: principal.userId, consentAt: now().toISOString(), ...(replaces ? { replaces } : {}) },
  });
  return { clientSecret: si.clientSecret };
}

/** Stripe: after `confirmSetup` succeeded in the browser; the server checks the SetupIntent with Stripe. */
export async function finishStripeCardSetup(principal: Principal, profile: ClientProfile, setupIntentId: string): Promise<SavedCard> {
  const provider = paymentProvider();
  const si = await provider.retrieveSetupIntent(setupIntentId);
  if (si.metadata.profileId !== profile.id || si.metadata.userId !== principal.userId) throw new NotFoundError("That card was not found.");
  if (si.status !== "succeeded" || !si.paymentMethodId) throw new CardDeclinedError("Your card could not be saved. Please try again or use another card.", null);
  const card = await provider.retrieveCard(si.paymentMethodId);
  const [customer] = await db.select().from(paymentCustomers).where(and(eq(paymentCustomers.profileId, profile.id), eq(paymentCustomers.provider, "stripe"))).limit(1);
  const meta = await requestMeta();
  return db.transaction((tx) => saveFromSetupIntent(tx, si, card, customer, meta));
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
): Promise<SavedCard> {
  const { profileId, userId, consentAt, replaces } = si.metadata;
  if (!isUuid(profileId) || !isUuid(userId) || !consentAt || !si.paymentMethodId) throw new Error("setup intent without our metadata");
  if (!customer || customer.profileId !== profileId || customer.providerCustomerId !== si.customerId) throw new Error("setup intent for another customer");
  return storeCard(tx, { profileId, ownerUserId: userId, customerRowId: customer.id, providerPaymentMethodId: si.paymentMethodId, card, consentAt: new Date(consentAt), replaces: replaces ?? null, ip: meta.ip, userAgent: meta.userAgent });
}

export async function setDefaultCard(principal: Principal, profile: ClientProfile, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const card = await findMyCard(principal, profile, id, tx);
    await tx.update(paymentMethods).set({ isDefault: false }).where(and(eq(paymentMethods.profileId, profile.id), eq(paymentMethods.provider, card.provider)));
    await tx.update(paymentMethods).set({ isDefault: true }).where(eq(paymentMethods.id, card.id));
    await audit({ action: "payment.card_default", actor: principal, profileId: profile.id, targetType: "payment_method", targetId: card.id }, tx);
  });
}

export async function removeCard(principal: Principal, profile: ClientProfile, id: string): Promise<void> {
  const card = await db.transaction(async (tx) => {
    const c = await findMyCard(principal, profile, id, tx);
    await removeCardRow(tx, c);
    await audit({ action: "payment.card_removed", actor: principal, profileId: profile.id, targetType: "payment_method", targetId: c.id }, tx);
    return c;
  });
  await paymentProvider().detachCard(card.providerPaymentMethodId);
}

/** For staff: the profile's default card (brand, last 4, expiry) within their scope; outsiders get 404. */
export async function defaultCardForStaff(principal: Principal, profileId: string): Promise<SavedCard | null> {
  await findProfile(principal, profileId);
  const c = await findDefaultCard(profileId);
  return c ? { id: c.id, brand: c.brand, last4: c.last4, expMonth: c.expMonth, expYear: c.expYear, isDefault: c.isDefault, createdAt: c.createdAt } : null;
}
