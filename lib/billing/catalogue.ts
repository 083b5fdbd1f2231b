import "server-only";
import { asc, eq } from "drizzle-orm";
import { db, type DbOrTx } from "@/db";
import { serviceCodes, type ServiceCode } from "@/db/schema";
import { assertAdmin, type AdminPrincipal } from "@/lib/core/principal";
import { audit } from "@/lib/audit/write";
import { now } from "@/lib/core/clock";

/** The default catalogue (docs/product.md, Billing); fees are the practice's to change in Admin → Billing. */
export const DEFAULT_SERVICE_CODES: { code: string; description: string; defaultFeeCents: number }[] = [
  { code: "90791", description: "Psychiatric diagnostic evaluation", defaultFeeCents: 20_000 },
  { code: "90832", description: "Psychotherapy, 30 minutes", defaultFeeCents: 9_000 },
  { code: "90834", description: "Psychotherapy, 45 minutes", defaultFeeCents: 15_000 },
  { code: "90837", description: "Psychotherapy, 60 minutes", defaultFeeCents: 18_000 },
  { code: "90846", description: "Family psychotherapy without the patient, 50 minutes", defaultFeeCents: 16_000 },
  {
    code: "90847",
    description: "Family or couples psychotherapy with the patient, 50 minutes",
    defaultFeeCents: 17_000,
  },
];

/** Seeder (lib/demo/seed.ts `seeders`): idempotent, never overwrites fees the admin changed. */
export async function seedServiceCodes(tx: DbOrTx): Promise<void> {
  for (const c of DEFAULT_SERVICE_CODES) await tx.insert(serviceCodes).values(c).onConflictDoNothing();
}

export async function listServiceCodes(opts: { activeOnly?: boolean } = {}, on: DbOrTx = db): Promise<ServiceCode[]> {
  const rows = await on.select().from(serviceCodes).orderBy(asc(serviceCodes.code));
  return opts.activeOnly ? rows.filter((r) => r.active) : rows;
}

export async function saveServiceCode(
  p: AdminPrincipal,
  input: { code: string; description: string; defaultFee: number; active: boolean },
): Promise<void> {
  assertAdmin(p);
  await db.transaction(async (tx) => {
    const values = {
      code: input.code,
      description: input.description,
      defaultFeeCents: input.defaultFee,
      active: input.active,
      updatedAt: now(),
    };
    await tx.insert(serviceCodes).values(values).onConflictDoUpdate({ target: serviceCodes.code, set: values });
    await audit(
      {
        action: "billing.service_code_saved",
        actor: p,
        targetType: "service_code",
        targetId: input.code,
        detail: { defaultFeeCents: input.defaultFee, active: input.active },
      },
      tx,
    );
  });
}

export async function findServiceCode(code: string, on: DbOrTx = db): Promise<ServiceCode | undefined> {
  const [row] = await on.select().from(serviceCodes).where(eq(serviceCodes.code, code)).limit(1);
  return row;
}
