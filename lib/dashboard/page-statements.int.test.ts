import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { libraryTemplateId, principalFor, type TestPrincipal } from "@/lib/test/auth-fixtures";
import { findProfile } from "@/lib/profiles/access";
import { DEMO } from "@/lib/demo/seed";
import { statementsDuring } from "@/lib/test/sql-statements";
import { sendForms } from "@/lib/forms/responses";
import { viewProfileForms, viewReviewQueue } from "@/lib/forms/views";
import { recordService } from "@/lib/billing/services";
import { createInvoice, sendInvoice } from "@/lib/billing/invoices";
import { loadTodos } from "./todos";
import { viewDashboardHome } from "./home";
import { viewPortalHome } from "./portal-home";
import { getPortalBilling } from "./portal-billing";

/**
 * docs/performance.md: each measured page sends at most 6 statements per request, and no page's count grows with
 * its rows. The page adds the session check and the practice settings (one each, memoised per render) to what its
 * data function sends; these are the data functions' own statements, counted with the bench's counter
 * (lib/core/sql-count.ts), before and after the profile gets more forms and invoices. Outside a render nothing is
 * memoised, so here the home reads the practice settings and the own-profiles list itself (in a page, the layout's
 * reads serve it).
 */

const P = DEMO.profiles;
let pat: TestPrincipal, ana: TestPrincipal;

const statements = statementsDuring;

/** Each page's data, as the page calls it. */
const pages = {
  portalHome: async () => viewPortalHome(pat, await findProfile(pat, P.pat)),
  portalBilling: () => getPortalBilling(pat, P.pat),
  dashboardTodos: () => loadTodos(ana),
  dashboardLists: () => viewReviewQueue(ana),
  dashboardHome: () => viewDashboardHome(ana),
  clientForms: () => viewProfileForms(ana, P.pat),
};
/** At most this many statements of each data function (the page adds the session and the settings). */
const expected = {
  // settings, own profiles (the profile check above), the four lists, the audit insert
  portalHome: 5,
  // the four lists, the audit insert
  portalBilling: 2,
  // every to-do count
  dashboardTodos: 1,
  // alerts and review list, the audit insert (only when either list has rows)
  dashboardLists: 2,
  // the dashboard's home: to-dos and both lists in one statement, the audit insert
  dashboardHome: 2,
  // the profile, the four lists, the audit insert
  clientForms: 3,
};

async function countAll() {
  const out: Record<string, number> = {};
  for (const [name, run] of Object.entries(pages)) out[name] = (await statements(run)).length;
  return out;
}

async function moreRows() {
  await sendForms(ana, { profileId: P.pat, templateIds: [await libraryTemplateId("gad7")] });
  await sendForms(ana, { profileId: P.pat, templateIds: [await libraryTemplateId("phq9")] });
  for (const day of ["2026-11-18", "2026-11-19"]) {
    const s = await recordService(ana, {
      profileId: P.pat,
      dateOfService: day,
      cptCode: "90834",
      modifiers: [],
      placeOfService: "11",
      units: 1,
      fee: 150,
      diagnosisCodes: [],
    });
    const inv = await createInvoice(ana, { profileId: P.pat, serviceIds: [s.id] });
    await sendInvoice(ana, inv.id);
  }
}

beforeAll(async () => {
  pat = await principalFor(DEMO.pat, "no-session", P.pat);
  ana = await principalFor(DEMO.ana);
});
afterEach(() => {
  delete process.env.BENCH_COUNT_SQL;
});

describe("statements per page", () => {
  it("each page's data costs a fixed number of statements, however many rows it shows", async () => {
    const before = await countAll();
    const [home, billing] = [await pages.portalHome(), await pages.portalBilling()];
    await moreRows();
    const after = await countAll();
    // The lists did grow: the same statements now carry more rows.
    expect((await pages.portalHome()).forms.length).toBeGreaterThan(home.forms.length);
    expect((await pages.portalBilling()).invoices.length).toBe(billing.invoices.length + 2);
    for (const [name, most] of Object.entries(expected)) expect(before[name], name).toBeLessThanOrEqual(most);
    expect(after).toEqual(before);
  });

  it("an outsider's page data is not found, and costs no audit row", async () => {
    const lines = await statements(() => expect(getPortalBilling(pat, P.jordan)).rejects.toThrow());
    expect(lines.some((l) => l.includes("insert into"))).toBe(false);
  });
});
