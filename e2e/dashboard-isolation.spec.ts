import { test, expect, signInAs, cast } from "./fixtures";

// Each test has its own cast (e2e/cast.ts): the demo practice's people with their own addresses and ids.

test("Sam Chen's client list has only Alex Kim, and Ana's client by URL is 404 on every client page", async ({
  page,
}) => {
  const C = cast("isolation-clinician");
  const { jordan: JORDAN, alex: ALEX } = C.profiles;
  await signInAs(page, C.sam);
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.goto("/dashboard/clients");
  const rows = page.getByTestId("client-row");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("Alex Kim");
  await page.getByLabel("Search by name or email").fill("jordan");
  await page.getByLabel("Show").selectOption("all");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByText("No clients found.")).toBeVisible();

  for (const path of [
    `/dashboard/clients/${JORDAN}`,
    `/dashboard/clients/${JORDAN}/edit`,
    "/dashboard/clients/not-a-uuid",
  ]) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  }
  // The admin area does not exist for a clinician.
  expect((await page.goto("/admin/audit"))?.status()).toBe(404);
  expect((await page.request.get("/admin/audit/export")).status()).toBe(404);

  // His own client opens.
  await page.goto(`/dashboard/clients/${ALEX}`);
  await expect(page.getByRole("heading", { level: 1, name: "Alex Kim" })).toBeVisible();
  // A clinician cannot reassign.
  await expect(page.getByRole("heading", { name: "Assigned clinician" })).toHaveCount(0);
});

test("the admin sees every client and can reassign one to another clinician", async ({ page }) => {
  const C = cast("isolation-admin");
  const JORDAN = C.profiles.jordan;
  await signInAs(page, C.admin);
  await expect(page).toHaveURL(/\/admin$/);
  await page.getByRole("link", { name: "Clients" }).first().click();
  // Every cast's clients are in the practice; this cast's (Ana's and Sam's) are found by their addresses.
  await page.getByLabel("Search by name or email").fill(`.${C.tag}@`);
  await page.getByRole("button", { name: "Search" }).click();
  const list = page.getByRole("list", { name: "Client list" });
  for (const name of ["Alex Kim", "Jordan Lee", "Jordan & Casey Lee", "Pat Park", "Mia Park"])
    await expect(list).toContainText(name);

  await page.goto(`/dashboard/clients/${JORDAN}`);
  await expect(page.getByRole("heading", { level: 1, name: "Jordan Lee" })).toBeVisible();
  await page.getByRole("combobox", { name: "Clinician", exact: true }).selectOption({ label: C.sam.name });
  await page.getByRole("button", { name: "Reassign client" }).click();
  await expect(page.getByText("Client reassigned.")).toBeVisible();
  await page.goto("/admin/audit?action=profile.reassign");
  await expect(page.getByTestId("audit-row").first()).toContainText("Jordan Lee");
});
