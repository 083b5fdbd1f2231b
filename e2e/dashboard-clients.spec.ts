import { test, expect, signInAs, signOut, latestEmailLink, cast } from "./fixtures";

// Each test has its own cast (e2e/cast.ts): its own Ana, whose client list only it changes.

test("Ana creates a minor profile Leo Park with guardian Pat; errors stay at the field; Pat's picker then shows Leo", async ({
  page,
}) => {
  test.slow(); // several people, each a sign-in: three times the usual minute
  const C = cast("clients-minor");
  const PAT = C.pat.email;
  await signInAs(page, C.ana);
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByTestId("todo-list")).toContainText("Portal users not yet invited");

  await page.getByRole("link", { name: "Clients" }).first().click();
  await page.getByRole("link", { name: "New client" }).first().click();
  await expect(page.getByRole("heading", { name: "New client" })).toBeVisible();
  await page.getByLabel("Type").selectOption("minor");
  await page.getByLabel("Legal name").fill("Leo Park");
  await page.getByLabel("Date of birth (optional)").fill("2999-01-01");
  await page.getByLabel("ICD-10 diagnosis codes (optional)").fill("F41.1, 12X");
  await page.getByLabel("Email of portal user 1").fill(PAT);
  // Relationship left as "Self": a minor needs a guardian.
  await page.getByRole("button", { name: "Create client" }).click();
  await expect(page.getByText("The date of birth cannot be in the future.")).toBeVisible();
  await expect(page.getByText(/Not an ICD-10 code: 12X/)).toBeVisible();
  await expect(page.getByText("A minor's profile needs at least one guardian.", { exact: true })).toBeVisible();
  // Nothing typed is lost.
  await expect(page.getByLabel("Legal name")).toHaveValue("Leo Park");
  await expect(page.getByLabel("Email of portal user 1")).toHaveValue(PAT);

  await page.getByLabel("Date of birth (optional)").fill("2017-05-01");
  await page.getByLabel("ICD-10 diagnosis codes (optional)").fill("f411");
  await page.getByLabel("Relationship of portal user 1").selectOption("guardian");
  await page.getByRole("button", { name: "Create client" }).click();
  await expect(page).toHaveURL(/\/dashboard\/clients\/[0-9a-f-]{36}\?created=1$/);
  await expect(page.getByRole("heading", { level: 1, name: "Leo Park" })).toBeVisible();
  await expect(page.getByText("F41.1")).toBeVisible();
  await expect(
    page.getByRole("navigation", { name: "Client sections" }).getByRole("link", { name: "Billing" }),
  ).toHaveAttribute("href", /\/billing$/);
  const panel = page.getByRole("region", { name: "Portal access" });
  await expect(panel.getByTestId("portal-user")).toHaveCount(1);
  await expect(panel).toContainText(PAT);
  await expect(panel).toContainText("Guardian");

  // The list finds Leo by name and by the guardian's email.
  // The search posts and comes back with the term sealed in the URL (docs/decisions.md "No PHI in URLs").
  await page.goto("/dashboard/clients");
  await page.getByLabel("Search by name or email").fill("leo");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByTestId("client-row")).toHaveCount(1);
  await page.getByLabel("Search by name or email").fill(PAT.slice(0, PAT.indexOf("@") + 1)); // part of the address
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByTestId("client-row")).toHaveCount(3);

  await signOut(page);
  await signInAs(page, C.pat);
  await expect(page).toHaveURL(/\/portal\/profiles$/);
  await expect(page.getByRole("list", { name: "Your profiles" })).toContainText("Leo Park");
});

test("Ana creates a new individual client with a new email and sends the welcome email; the client signs in and lands in the portal", async ({
  page,
}) => {
  const email = `new.client.${Date.now()}@example.com`;
  await signInAs(page, cast("clients-new").ana);
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.goto("/dashboard/clients/new");
  await page.getByLabel("Legal name").fill("Robin Vale");
  await page.getByLabel("Preferred name (optional)").fill("Robin");
  await page.getByLabel("Phone (optional)").fill("(555) 010-9999");
  await page.getByLabel("Insurance member ID (optional)").fill("RBX-55");
  await page.getByLabel("Email of portal user 1").fill(email);
  await page.getByRole("button", { name: "Create client" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Robin Vale" })).toBeVisible();
  const panel = page.getByRole("region", { name: "Portal access" });
  await expect(panel.getByTestId("portal-status")).toHaveText("Not invited");
  await panel.getByRole("button", { name: `Send welcome email to ${email}` }).click();
  await expect(panel.getByTestId("portal-status")).toContainText("Invited");

  // Edit: the change is kept and the page says so.
  await page.getByRole("link", { name: "Edit client" }).click();
  await page.getByLabel("Phone (optional)").fill("not a phone");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Enter a phone number, like (555) 010-2030.")).toBeVisible();
  await page.getByLabel("Phone (optional)").fill("(555) 010-1111");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Changes saved.")).toBeVisible();
  await expect(page.getByText("(555) 010-1111")).toBeVisible();

  await signOut(page);
  const link = await latestEmailLink(page, email, /welcome/i);
  await page.goto(link);
  await page.getByRole("button", { name: "Sign In" }).click();
  await expect(page).toHaveURL(/\/portal$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Robin");
});

test("archiving hides a client from the active list without deleting it; restoring brings it back", async ({
  page,
}) => {
  await signInAs(page, cast("clients-archive").ana);
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.goto("/dashboard/clients/new");
  await page.getByLabel("Legal name").fill("Archie Tester");
  await page.getByRole("button", { name: "Remove portal user 1" }).click();
  await page.getByRole("button", { name: "Create client" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Archie Tester" })).toBeVisible();
  await page.getByRole("button", { name: "Archive client" }).click();
  await page
    .getByRole("dialog")
    .getByRole("button", { name: /^Yes, / })
    .click();
  await expect(page.getByText(/This client was archived on/)).toBeVisible();
  await page.goto("/dashboard/clients");
  await page.getByLabel("Search by name or email").fill("Archie");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByText("No clients found.")).toBeVisible();
  await page.getByLabel("Show").selectOption("archived");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByTestId("client-row")).toHaveCount(1);
  await page.getByRole("link", { name: "Archie Tester" }).click();
  await page.getByRole("button", { name: "Restore client" }).click();
  await expect(page.getByText(/This client was archived on/)).toHaveCount(0);
});
