import { cast, expect, signOut, test } from "./fixtures";
import {
  follow,
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
 * The practice's administrator: the admin home, practice settings, staff and one clinician, the service codes,
 * the audit log and the email log, then the clinician's pages of one client, the form templates and the unpaid
 * invoices, by clicking only. The admin sees the whole practice (every spec's cast), so the client is found by
 * the search box.
 */
const c = cast("journeys");

test.describe.configure({ mode: "serial" });

for (const width of WIDTHS) {
  test.describe(`at ${width} px`, () => {
    test.use({ viewport: viewportFor(width) });

    test("the admin walks the practice by navigation only", async ({ page, a11y }) => {
      test.setTimeout(420_000);
      page.setDefaultTimeout(STEP_TIMEOUT_MS);
      const w: Walk = { page, person: "admin", width, a11y };
      const adminLink = (name: string) => page.getByRole("link", { name, exact: true }).first();

      await signInFromMailbox(page, c.admin.email);
      await visit(w, "dashboard", /administration|Admin/i);

      await follow(page, adminLink("Settings"), adminLink("Practice settings"));
      await visit(w, "settings", "Practice settings");

      await adminLink("Staff").click();
      await visit(w, "staff", "Staff");
      await page
        .getByRole("link", { name: /^Ana Rivera/ })
        .first()
        .click();
      await visit(w, "staff-member", /Ana Rivera/);

      await follow(page, adminLink("Billing"), adminLink("Service codes"));
      await visit(w, "service-codes", /service codes/i);

      await adminLink("Audit log").click();
      await visit(w, "audit", "Audit log");
      await adminLink("Email log").click();
      await visit(w, "emails", "Email log");

      // The clinician's pages, as the admin: find the journey's Jordan with the search box.
      await adminLink("Clients").click();
      await expect(page.getByRole("heading", { level: 1, name: "Clients" })).toBeVisible();
      await page.getByRole("searchbox", { name: /Search/ }).fill(c.jordan.email);
      await page.getByRole("button", { name: "Search" }).click();
      const list = page.getByRole("list", { name: "Client list" });
      await expect(list.getByRole("link", { name: "Jordan & Casey Lee" })).toBeVisible();
      await visit(w, "clients", "Clients");
      await list.getByRole("link", { name: "Jordan Lee", exact: true }).click();
      await walkClientPages(w, "Jordan Lee");

      await walkPracticeLists(w, () => navTo(page, "Home"));
      await signOut(page);
    });
  });
}
