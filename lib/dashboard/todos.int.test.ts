import { beforeAll, describe, expect, it } from "vitest";
import { and, eq, inArray, isNull } from "drizzle-orm";
import { libraryTemplateId, principalFor, type TestPrincipal } from "@/lib/test/auth-fixtures";
import { db } from "@/db";
import { formResponses, invoices, safetyAlerts } from "@/db/schema";
import { DEMO } from "@/lib/demo/seed";
import { sendForms } from "@/lib/forms/responses";
import { recordService } from "@/lib/billing/services";
import { createInvoice, sendInvoice } from "@/lib/billing/invoices";
import { loadTodos } from "./todos";

/**
 * docs/decisions.md, Files: a to-do leads to the item itself when there is one, and to a list of just those items
 * when there are several. Sam Chen's only client is Alex Kim, so Sam's counts are this test's alone.
 */

const P = DEMO.profiles;
let sam: TestPrincipal, ana: TestPrincipal;
const todo = async (key: string, who = sam) => (await loadTodos(who)).find((t) => t.key === key)!;

async function pendingResponse(): Promise<string> {
  await sendForms(sam, { profileId: P.alex, templateIds: [await libraryTemplateId("gad7")] });
  const [r] = await db
    .select({ id: formResponses.id })
    .from(formResponses)
    .where(and(eq(formResponses.profileId, P.alex), eq(formResponses.status, "pending")))
    .limit(1);
  return r.id;
}
/** Marks a response submitted directly: this test is about where the to-do leads, not how forms are submitted. */
async function submitted(): Promise<string> {
  const id = await pendingResponse();
  await db.update(formResponses).set({ status: "submitted", submittedAt: new Date() }).where(eq(formResponses.id, id));
  return id;
}

beforeAll(async () => {
  sam = await principalFor(DEMO.sam);
  ana = await principalFor(DEMO.ana);
  // Start from nothing to do in Sam's scope, whatever the demo seed holds.
  await db
    .update(formResponses)
    .set({ reviewedAt: new Date() })
    .where(and(eq(formResponses.profileId, P.alex), isNull(formResponses.reviewedAt)));
  await db.update(safetyAlerts).set({ acknowledged: true }).where(eq(safetyAlerts.profileId, P.alex));
  await db
    .update(invoices)
    .set({ status: "void" })
    .where(and(eq(invoices.profileId, P.alex), inArray(invoices.status, ["sent", "partially_paid"])));
});

describe("each to-do leads to the item", () => {
  it("forms to review: one → that response; several → the review list on the dashboard", async () => {
    expect(await todo("forms.to-review")).toMatchObject({ count: 0, href: "/dashboard#review-h" });
    const first = await submitted();
    expect(await todo("forms.to-review")).toMatchObject({
      count: 1,
      href: `/dashboard/clients/${P.alex}/forms/${first}`,
    });
    await submitted();
    expect(await todo("forms.to-review")).toMatchObject({ count: 2, href: "/dashboard#review-h" });
    // Ana's to-do never points at Sam's client.
    expect((await todo("forms.to-review", ana)).href).not.toContain(P.alex);
  });

  it("safety alerts: one → its response; several → the alert list", async () => {
    const response = await submitted();
    await db.insert(safetyAlerts).values({ responseId: response, profileId: P.alex, itemValue: 1 });
    expect(await todo("forms.safety-alerts")).toMatchObject({
      count: 1,
      href: `/dashboard/clients/${P.alex}/forms/${response}`,
    });
    await db.insert(safetyAlerts).values({ responseId: await submitted(), profileId: P.alex, itemValue: 2 });
    expect(await todo("forms.safety-alerts")).toMatchObject({ count: 2, href: "/dashboard#alerts-h" });
  });

  it("unpaid invoices: one → that invoice; several → the unpaid invoices list", async () => {
    const invoice = async () => {
      const s = await recordService(sam, {
        profileId: P.alex,
        dateOfService: "2026-11-20",
        cptCode: "90834",
        modifiers: [],
        placeOfService: "11",
        units: 1,
        fee: 150,
        diagnosisCodes: [],
      });
      const inv = await createInvoice(sam, { profileId: P.alex, serviceIds: [s.id] });
      await sendInvoice(sam, inv.id);
      return inv.id;
    };
    expect(await todo("billing.unpaid")).toMatchObject({ count: 0, href: "/dashboard/invoices" });
    const first = await invoice();
    expect(await todo("billing.unpaid")).toMatchObject({
      count: 1,
      href: `/dashboard/clients/${P.alex}/billing/invoices/${first}`,
    });
    await invoice();
    expect(await todo("billing.unpaid")).toMatchObject({ count: 2, href: "/dashboard/invoices" });
  });
});
