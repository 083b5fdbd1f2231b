import { test, expect, cast } from "./fixtures";

const C = cast("foundation");

test("the landing page shows the practice and the I'm an Existing Client button", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Riverbend Counseling");
  await page.getByRole("link", { name: "I'm an Existing Client" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
});

test("the dev mailbox shows, rendered, an email that the test caused", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill(C.alex.email);
  await page.getByRole("button", { name: "Email Me a Link" }).click();
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
  await page.goto("/dev/mailbox");
  const item = page.locator("li", { hasText: C.alex.email }).first();
  await expect(item).toContainText("Your sign-in link for Riverbend Counseling");
  await item.getByRole("link").click();
  // Rendered HTML with a working Sign In link.
  const signIn = page.getByRole("link", { name: "Sign In" });
  await expect(signIn).toBeVisible();
  await expect(signIn).toHaveAttribute("href", /\/sign-in\/confirm\?token=/);
  await signIn.click();
  await expect(page.getByTestId("masked-email")).toHaveText("a••••••••@e••••••.com"); // alex.kim.foundation@example.com: first letters, at most 8 dots;
});

test("the health check reports the database", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  // The embedded database unless the suite was pointed at a PostgreSQL server (playwright.config.ts).
  const kind = process.env.E2E_DATABASE_URL ? "postgres" : "pglite";
  expect(await res.json()).toMatchObject({ status: "ok", database: { state: "up", kind } });
});
