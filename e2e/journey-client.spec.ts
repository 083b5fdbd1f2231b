import { cast, expect, signOut, test } from "./fixtures";
import { follow, navTo, viewportFor, visit, WIDTHS, STEP_TIMEOUT_MS, type Walk, signInFromMailbox } from "./journey";

/**
 * A client on a phone and at a desk: Pat Park, who manages Pat's own profile and Mia's (a minor), walks every page
 * of the portal by clicking only, with the demo practice's three months of work (lib/demo/activity.ts): signs in
 * from the mailbox, fills in and submits a pending GAD-7, downloads a document, reads invoices, the pay page, a
 * statement, a superbill and the payment method, switches to Mia and signs out.
 */
const c = cast("journeys");

// One cast, one server-side active profile: the two widths take turns.
test.describe.configure({ mode: "serial" });

for (const width of WIDTHS) {
  test.describe(`at ${width} px`, () => {
    test.use({ viewport: viewportFor(width) });

    test("Pat walks the portal by navigation only", async ({ page, a11y }) => {
      test.setTimeout(420_000);
      page.setDefaultTimeout(STEP_TIMEOUT_MS);
      const w: Walk = { page, person: "client", width, a11y };

      // Sign in through the dev mailbox (the only page.goto calls: the start and the emailed link).
      await signInFromMailbox(page, c.pat.email);
      await visit(w, "profiles", "Choose a profile");
      await page
        .getByRole("list", { name: "Your profiles" })
        .getByRole("button", { name: /^Pat Park/ })
        .click();

      await visit(w, "home", /Pat Park/);

      // Forms: a pending GAD-7, filled in page by page and submitted.
      await navTo(page, "Forms");
      await visit(w, "forms", "Forms");
      const todo = page.getByRole("region", { name: /^To do/ });
      await todo.getByRole("link", { name: "GAD-7" }).first().click();
      await visit(w, "form", "GAD-7");
      for (let step = 0; step < 5; step++) {
        const groups = page.getByRole("main").getByRole("group");
        for (let i = 0; i < (await groups.count()); i++) {
          const radios = groups.nth(i).getByRole("radio");
          if ((await radios.count()) > 1) await radios.nth(1).check();
        }
        const submit = page.getByRole("button", { name: "Submit", exact: true });
        if (await submit.isVisible()) {
          await submit.click();
          break;
        }
        await page.getByRole("button", { name: "Next", exact: true }).click();
      }
      await expect(page.getByText(/Submitted/).first()).toBeVisible();
      await visit(w, "form-submitted", "GAD-7");

      // Documents: what Ana shared, and Pat's own upload; download one.
      await navTo(page, "Documents");
      await visit(w, "documents", "Documents");
      const download = page.waitForEvent("download");
      await page.getByRole("link", { name: /Download Sleep tips/ }).click();
      expect((await download).suggestedFilename()).toMatch(/Sleep tips.*\.pdf$/);

      // Billing: invoices (one paid by card, one due), the pay page, a statement, a superbill, the card on file.
      await navTo(page, "Billing");
      await visit(w, "billing", "Billing");
      await page
        .getByRole("link", { name: /^View invoice INV-\d{4}/ })
        .first()
        .click();
      await visit(w, "invoice", /Invoice INV-\d{4}/);
      await navTo(page, "Billing");
      await page
        .getByRole("link", { name: /^Pay invoice INV-\d{4}/ })
        .first()
        .click();
      await visit(w, "pay", /Pay invoice INV-\d{4}/);
      await navTo(page, "Billing");
      await page
        .getByRole("link", { name: /^View statement/ })
        .first()
        .click();
      await visit(w, "statement", /Statement/);
      await navTo(page, "Billing");
      await page
        .getByRole("link", { name: /^View superbill/ })
        .first()
        .click();
      await visit(w, "superbill", /Superbill/);
      await navTo(page, "Billing");
      await follow(
        page,
        page.getByRole("link", { name: /Payment method/ }),
        page.getByRole("link", { name: /Manage your cards/ }),
      );
      await visit(w, "payment-method", /Payment method|card/i);
      await expect(page.getByText(/4242/).first()).toBeVisible();

      // Switch to Mia (the guardian's other profile) from the header, and see her home and forms.
      await follow(
        page,
        page.getByRole("button", { name: /Active profile|Switch profile/ }),
        page.getByTestId("profile-switcher").locator("summary"),
      );
      await follow(
        page,
        page.getByRole("menuitem", { name: /Mia Park/ }),
        page.getByRole("button", { name: /Switch to Mia Park/ }),
      );
      await visit(w, "home-mia", /Mia Park|Welcome/);
      await navTo(page, "Forms");
      await visit(w, "forms-mia", "Forms");
      await expect(page.getByRole("link", { name: "Intake questionnaire" }).first()).toBeVisible();

      await signOut(page);
    });
  });
}
