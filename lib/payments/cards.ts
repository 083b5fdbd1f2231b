import "server-only";
import { and, desc, eq, type SQL } from "drizzle-orm";
import { db, type DbOrTx } from "@/db";
import { clientProfiles, paymentCustomers, paymentMethods, type PaymentMethod } from "@/db/schema";
import { audit } from "@/lib/audit/write";
import type { Principal } from "@/lib/core/principal";
import { now } from "@/lib/core/clock";
import { NotFoundError } from "@/lib/core/errors";
import { findProfile, inProfileScope } from "@/lib/profiles/access";
import { isUuid } from "@/lib/core/validation";
import { requestMeta } from "@/lib/core/http";
import type { ClientProfile } from "@/db/schema";
import { paymentProvider } from "./index";
import { localProvider } from "./local";
import { CardDeclinedError } from "./provider";
import { ensureCustomer, findDefaultCard, removeCardRow, saveFromSetupIntent, storeCard } from "./internal/cards";

/**
 * Cards on file (docs/product.md, Payments; docs/decisions.md, Card on file and payments: Whose card). A card belongs to the profile's paying user who added it (a guardian
 * pays for a minor) and is used for that profile's invoices; the portal lists and manages only the signed-in
 * user's own cards on the active profile. Every change is audited (docs/product.md, Audit: card changes).
 */
export type SavedCard = Pick<
  PaymentMethod,
  "id" | "brand" | "last4" | "expMonth" | "expYear" | "isDefault" | "createdAt"
>;

export async function listMyCards(principal: Principal, profile: ClientProfile): Promise<SavedCard[]> {
  return db
    .select({
      id: paymentMethods.id,
      brand: paymentMethods.brand,
      last4: paymentMethods.last4,
      expMonth: paymentMethods.expMonth,
      expYear: paymentMethods.expYear,
      isDefault: paymentMethods.isDefault,
      createdAt: paymentMethods.createdAt,
    })
    .from(paymentMethods)
    .where(
      and(
        eq(paymentMethods.profileId, profile.id),
        eq(paymentMethods.ownerUserId, principal.userId),
        eq(paymentMethods.provider, paymentProvider().mode),
      ),
    )
    .orderBy(desc(paymentMethods.isDefault), desc(paymentMethods.createdAt));
}

const savedCardColumns = {
  id: paymentMethods.id,
  brand: paymentMethods.brand,
  last4: paymentMethods.last4,
  expMonth: paymentMethods.expMonth,
  expYear: paymentMethods.expYear,
  isDefault: paymentMethods.isDefault,
  createdAt: paymentMethods.createdAt,
};

/**
 * The cards the signed-in user may pay with: their own, saved on any profile they still reach (docs/decisions.md,
 * Money: a guardian's card pays every profile the guardian manages). Never another person's card.
 */
function myPayingCards(principal: Principal, ...conds: SQL[]) {
  return inProfileScope(
    principal,
    eq(paymentMethods.ownerUserId, principal.userId),
    eq(paymentMethods.provider, paymentProvider().mode),
    ...conds,
  );
}

export async function listMyPayingCards(principal: Principal, on: DbOrTx = db): Promise<SavedCard[]> {
  return on
    .select(savedCardColumns)
    .from(paymentMethods)
    .innerJoin(clientProfiles, eq(clientProfiles.id, paymentMethods.profileId))
    .where(myPayingCards(principal))
    .orderBy(desc(paymentMethods.isDefault), desc(paymentMethods.createdAt));
}

/** One card the signed-in user may pay with (see listMyPayingCards), or NotFoundError. */
export async function findMyPayingCard(principal: Principal, id: string, on: DbOrTx = db): Promise<PaymentMethod> {
  if (!isUuid(id)) throw new NotFoundError("That card was not found.");
  const [row] = await on
    .select({ pm: paymentMethods })
    .from(paymentMethods)
    .innerJoin(clientProfiles, eq(clientProfiles.id, paymentMethods.profileId))
    .where(myPayingCards(principal, eq(paymentMethods.id, id)))
    .limit(1);
  if (!row) throw new NotFoundError("That card was not found.");
  return row.pm;
}

/** One of the signed-in user's cards on the active profile, or NotFoundError. */
export async function findMyCard(
  principal: Principal,
  profile: ClientProfile,
  id: string,
  on: DbOrTx = db,
): Promise<PaymentMethod> {
  if (!isUuid(id)) throw new NotFoundError("That card was not found.");
  const [row] = await on
    .select()
    .from(paymentMethods)
    .where(
      and(
        eq(paymentMethods.id, id),
        eq(paymentMethods.profileId, profile.id),
        eq(paymentMethods.ownerUserId, principal.userId),
        eq(paymentMethods.provider, paymentProvider().mode),
      ),
    )
    .limit(1);
  if (!row) throw new NotFoundError("That card was not found.");
  return row;
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
    if (e instanceof CardDeclinedError)
      await audit({
        action: "payment.card_declined",
        actor: principal,
        profileId: profile.id,
        detail: { code: e.code },
      });
    throw e;
  }
  const consentAt = now();
  const card = await localProvider.retrieveCard(pm.id);
  return db.transaction((tx) =>
    storeCard(tx, {
      profileId: profile.id,
      ownerUserId: principal.userId,
      customerRowId: customer.id,
      providerPaymentMethodId: pm.id,
      card,
      consentAt,
      replaces: input.replaces,
    }),
  );
}

/** Stripe: the client agreed and pressed Save; a SetupIntent carries the agreement time to the confirmation. */
export async function startStripeCardSetup(
  principal: Principal,
  profile: ClientProfile,
  replaces?: string,
): Promise<{ clientSecret: string }> {
  const provider = paymentProvider();
  if (provider.mode !== "stripe") throw new NotFoundError();
  if (replaces) await findMyCard(principal, profile, replaces);
  const customer = await ensureCustomer(profile.id);
  const si = await provider.createSetupIntent({
    customerId: customer.providerCustomerId,
    metadata: {
      profileId: profile.id,
      userId: principal.userId,
      consentAt: now().toISOString(),
      ...(replaces ? { replaces } : {}),
    },
  });
  return { clientSecret: si.clientSecret };
}

/** Stripe: after `confirmSetup` succeeded in the browser; the server checks the SetupIntent with Stripe. */
export async function finishStripeCardSetup(
  principal: Principal,
  profile: ClientProfile,
  setupIntentId: string,
): Promise<SavedCard> {
  const provider = paymentProvider();
  const si = await provider.retrieveSetupIntent(setupIntentId);
  if (si.metadata.profileId !== profile.id || si.metadata.userId !== principal.userId)
    throw new NotFoundError("That card was not found.");
  if (si.status !== "succeeded" || !si.paymentMethodId)
    throw new CardDeclinedError("Your card could not be saved. Please try again or use another card.", null);
  const card = await provider.retrieveCard(si.paymentMethodId);
  const [customer] = await db
    .select()
    .from(paymentCustomers)
    .where(and(eq(paymentCustomers.profileId, profile.id), eq(paymentCustomers.provider, "stripe")))
    .limit(1);
  const meta = await requestMeta();
  return db.transaction((tx) => saveFromSetupIntent(tx, si, card, customer, meta));
}

export async function setDefaultCard(principal: Principal, profile: ClientProfile, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const card = await findMyCard(principal, profile, id, tx);
    await tx
      .update(paymentMethods)
      .set({ isDefault: false })
      .where(and(eq(paymentMethods.profileId, profile.id), eq(paymentMethods.provider, card.provider)));
    await tx.update(paymentMethods).set({ isDefault: true }).where(eq(paymentMethods.id, card.id));
    await audit(
      {
        action: "payment.card_default",
        actor: principal,
        profileId: profile.id,
        targetType: "payment_method",
        targetId: card.id,
      },
      tx,
    );
  });
}

export async function removeCard(principal: Principal, profile: ClientProfile, id: string): Promise<void> {
  const card = await db.transaction(async (tx) => {
    const c = await findMyCard(principal, profile, id, tx);
    await removeCardRow(tx, c);
    await audit(
      {
        action: "payment.card_removed",
        actor: principal,
        profileId: profile.id,
        targetType: "payment_method",
        targetId: c.id,
      },
      tx,
    );
    return c;
  });
  await paymentProvider().detachCard(card.providerPaymentMethodId);
}

/** For staff: the profile's default card (brand, last 4, expiry) within their scope; outsiders get 404. */
export async function defaultCardForStaff(principal: Principal, profileId: string): Promise<SavedCard | null> {
  await findProfile(principal, profileId);
  const c = await findDefaultCard(profileId);
  return c
    ? {
        id: c.id,
        brand: c.brand,
        last4: c.last4,
        expMonth: c.expMonth,
        expYear: c.expYear,
        isDefault: c.isDefault,
        createdAt: c.createdAt,
      }
    : null;
}
