import { cast, expect, signOut, test } from "./fixtures";
import {
  navTo,
  viewportFor,
  visit,
  walkClientPages,
  walkPracticeLists,
  WIDTHS,
  STEP_TIMEOUT_MS,
  type Walk,
  signInFromMailbox,
} from "./journey";

/**
 * A clinician's day: Ana Rivera walks the dashboard, her clients, one client's overview, forms (the PHQ-9 and
 * GAD-7 over three months), a response, documents, billing and an invoice, then the form templates and the unpaid
 * invoices, by clicking only, with the demo practice's work (lib/demo/activity.ts).
 */
const c = cast("journeys");

test.describe.configure({ mode: "serial" });

for (const width of WIDTHS) {
  test.describe(`at ${width} px`, () => {
    test.use({ viewport: viewportFor(width) });

    test("Ana walks the dashboard by navigation only", async ({ page, a11y }) => {
      test.setTimeout(420_000);
      page.setDefaultTimeout(STEP_TIMEOUT_MS);
      const w: Walk = { page, person: "clinician", width, a11y };

      await signInFromMailbox(page, c.ana.email);
      await visit(w, "dashboard", /Ana Rivera|Dashboard/);
      await expect(page.getByText(/Jordan Lee: (PHQ-9|GAD-7)/).first()).toBeVisible();

      await navTo(page, "Clients");
      await visit(w, "clients", "Clients");
      await page
        .getByRole("list", { name: "Client list" })
        .getByRole("link", { name: "Jordan Lee", exact: true })
        .click();
      await walkClientPages(w, "Jordan Lee");

      await walkPracticeLists(w, () => navTo(page, "Home"));
      await signOut(page);
    });
  });
}
