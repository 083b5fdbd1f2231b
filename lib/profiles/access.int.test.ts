import { describe, expect, it } from "vitest";
import { principalFor } from "@/lib/test/auth-fixtures";
import { eq, or, sql } from "drizzle-orm";
import { db } from "@/db";
import { clientProfiles } from "@/db/schema";
import { DEMO } from "@/lib/demo/seed";
import { inProfileScope } from "./access";

const principal = (email: string) => principalFor(email, "test");
const ids = async (where: ReturnType<typeof inProfileScope>) =>
  (await db.select({ id: clientProfiles.id }).from(clientProfiles).where(where)).map((r) => r.id).sort();

describe("a scoped query cannot lose its scope", () => {
  it("conditions a caller adds are ANDed with the scope: an OR that would widen it finds nothing outside", async () => {
    const sam = await principal(DEMO.sam);
    expect(await ids(inProfileScope(sam))).toEqual([DEMO.profiles.alex]);
    // A careless caller ORs in "everything" or Ana's client: Sam still reaches only his own client.
    expect(await ids(inProfileScope(sam, or(sql`true`, eq(clientProfiles.id, DEMO.profiles.jordan))))).toEqual([
      DEMO.profiles.alex,
    ]);
    expect(await ids(inProfileScope(sam, eq(clientProfiles.id, DEMO.profiles.jordan)))).toEqual([]);
  });

  it("a client reaches only the profiles they hold access to, whatever is added", async () => {
    const casey = await principal("casey.lee@example.com");
    expect(await ids(inProfileScope(casey, or(sql`true`)))).toEqual([DEMO.profiles.jordanCasey]);
  });
});
