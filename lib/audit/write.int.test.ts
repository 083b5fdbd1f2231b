import { describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { eq, inArray } from "drizzle-orm";
import { db } from "@/db";
import { auditLog } from "@/db/schema";
import { statementsDuring } from "@/lib/test/sql-statements";
import { audit, type AuditInput } from "./write";

/**
 * docs/decisions.md "Audit rows by group commit": rows audited outside a transaction at the same time are written
 * together, every caller's promise settles only once its own row is stored, and one bad row fails only its caller.
 */
const tag = () => `t-${randomBytes(6).toString("hex")}`;
const view = (targetId: string): AuditInput => ({
  action: "profile.home_view",
  actorUserId: null,
  targetType: "profile",
  targetId,
  ip: null,
});

const countStatements = async (run: () => Promise<unknown>) => (await statementsDuring(run)).length;

describe("audit rows by group commit", () => {
  it("stores every row of concurrent views, each before its caller goes on, in fewer statements than rows", async () => {
    const ids = Array.from({ length: 40 }, tag);
    const stored: boolean[] = [];
    const statements = await countStatements(() =>
      Promise.all(
        ids.map(async (id) => {
          await audit(view(id));
          // By the time a caller goes on, its own row is in the table.
          const [row] = await db.select({ id: auditLog.id }).from(auditLog).where(eq(auditLog.targetId, id));
          stored.push(Boolean(row));
        }),
      ),
    );
    expect(stored).toHaveLength(40);
    expect(stored.every(Boolean)).toBe(true);
    const rows = await db.select().from(auditLog).where(inArray(auditLog.targetId, ids));
    expect(rows.map((r) => r.targetId).sort()).toEqual([...ids].sort());
    // 40 inserts would be 40 statements (plus the 40 checks); batched, the inserts are far fewer.
    expect(statements).toBeLessThan(40 + 20);
  });

  it("a bad row fails only its own caller; the rows audited with it are stored", async () => {
    const good = Array.from({ length: 5 }, tag);
    const results = await Promise.allSettled([
      ...good.slice(0, 2).map((id) => audit(view(id))),
      audit({ ...view(tag()), profileId: "not-a-uuid" }),
      ...good.slice(2).map((id) => audit(view(id))),
    ]);
    expect(results.map((r) => r.status)).toEqual([
      "fulfilled",
      "fulfilled",
      "rejected",
      "fulfilled",
      "fulfilled",
      "fulfilled",
    ]);
    const rows = await db.select().from(auditLog).where(inArray(auditLog.targetId, good));
    expect(rows).toHaveLength(5);
  });

  it("inside a transaction the row is written with it, and rolled back with it", async () => {
    const id = tag();
    await expect(
      db.transaction(async (tx) => {
        await audit(view(id), tx);
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(await db.select().from(auditLog).where(eq(auditLog.targetId, id))).toHaveLength(0);
  });
});
