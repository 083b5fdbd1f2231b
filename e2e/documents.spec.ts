import { test, expect, signInAs, cast } from "./fixtures";

/** docs/product.md, Documents: files both ways. Each test has its own cast of people and profiles (e2e/cast.ts). */

const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
/** A ~1.5 MB JPEG-typed file, so the progress bar has something to show. No '<' bytes: nothing markup-like by chance. */
function jpeg(): Buffer {
  const head = Buffer.from([
    0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00,
    0x00,
  ]);
  const body = Buffer.alloc(1_500_000);
  let x = 12345;
  for (let i = 0; i < body.length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    const b = (x >> 16) & 0xff;
    body[i] = b === 0x3c ? 0x3d : b;
  }
  return Buffer.concat([head, body, Buffer.from([0xff, 0xd9])]);
}

test("Ana shares welcome-packet.pdf with Jordan & Casey Lee; both see it; Casey downloads it; Ana sees it viewed; Pat cannot see or fetch it", async ({
  page,
}) => {
  // Seven changes of person (four first sign-ins through the email-link flow): longer than the default minute.
  test.setTimeout(180_000);
  const C = cast("documents-share");
  const COUPLE = C.profiles.jordanCasey;
  await signInAs(page, C.ana);
  await expect(page).toHaveURL(/\/dashboard/);
  await page.goto(`/dashboard/clients/${COUPLE}/documents`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Jordan & Casey Lee");
  await page
    .getByLabel("Choose files")
    .setInputFiles({ name: "welcome-packet.pdf", mimeType: "application/pdf", buffer: PDF });
  await expect(page.getByRole("list", { name: "Files to share" })).toContainText("welcome-packet.pdf");
  await page.getByLabel("Note to the client (optional)").fill("Please read before our first session.");
  await page.getByRole("button", { name: "Share", exact: true }).click();
  await expect(page.getByText("Shared 1 file. The client has been notified.")).toBeVisible();
  const item = page.getByTestId("shared-document").filter({ hasText: "welcome-packet.pdf" });
  await expect(item).toContainText("Not viewed yet");
  const href = await item.getByRole("link", { name: "Download welcome-packet.pdf" }).getAttribute("href");
  expect(href).toMatch(/^\/api\/files\/[0-9a-f-]{36}$/);

  // Jordan, on the couple profile, sees it (and the note).
  await signInAs(page, C.jordan, { profile: /Jordan & Casey Lee/ });
  await page.goto("/portal/documents");
  const sharedJ = page.getByRole("region", { name: "Shared with you" });
  await expect(sharedJ).toContainText("welcome-packet.pdf");
  await expect(sharedJ).toContainText("Please read before our first session.");

  // Casey sees it and downloads it: the same bytes, as an attachment, with the safe headers.
  await signInAs(page, C.casey);
  await expect(page).toHaveURL(/\/portal$/);
  await page.goto("/portal/documents");
  const sharedC = page.getByRole("region", { name: "Shared with you" });
  await expect(sharedC).toContainText("welcome-packet.pdf");
  const downloading = page.waitForEvent("download");
  await sharedC.getByRole("link", { name: "Download welcome-packet.pdf" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("welcome-packet.pdf");
  const fs = await import("node:fs");
  expect(fs.readFileSync((await download.path())!).equals(PDF)).toBe(true);
  const res = await page.request.get(href!);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toBe("application/pdf");
  expect(res.headers()["content-disposition"]).toBe(
    `attachment; filename="welcome-packet.pdf"; filename*=UTF-8''welcome-packet.pdf`,
  );
  expect(res.headers()["x-content-type-options"]).toBe("nosniff");
  expect(res.headers()["content-security-policy"]).toBe("sandbox");
  expect(res.headers()["cache-control"]).toBe("no-store");

  // Ana sees that it was viewed.
  await signInAs(page, C.ana);
  await expect(page).toHaveURL(/\/dashboard/);
  await page.goto(`/dashboard/clients/${COUPLE}/documents`);
  const shared = page.getByTestId("shared-document").filter({ hasText: "welcome-packet.pdf" });
  await expect(shared).toContainText(/Viewed \w{3} \d+, \d{4}/);

  // Pat does not see it, and its download URL gives Pat 404.
  await signInAs(page, C.pat, { profile: /Pat Park/ });
  await page.goto("/portal/documents");
  await expect(page.getByRole("heading", { name: "Shared with you" })).toBeVisible();
  await expect(page.getByText("welcome-packet.pdf")).toHaveCount(0);
  const patRes = await page.request.get(href!);
  expect(patRes.status()).toBe(404);
  expect(await patRes.text()).not.toContain("PDF");

  // Ana withdraws the share: the record stays (marked withdrawn), and the client's download link stops working.
  await signInAs(page, C.ana);
  await expect(page).toHaveURL(/\/dashboard/);
  await page.goto(`/dashboard/clients/${COUPLE}/documents`);
  await page.getByRole("button", { name: "Withdraw welcome-packet.pdf" }).click();
  // Withdrawing asks first, in the page's own dialog.
  await expect(page.getByRole("dialog", { name: "Withdraw welcome-packet.pdf?" })).toBeVisible();
  await page
    .getByRole("dialog")
    .getByRole("button", { name: /^Yes, / })
    .click();
  await expect(page.getByTestId("shared-document").filter({ hasText: "welcome-packet.pdf" })).toContainText(
    /Withdrawn \w{3} \d+, \d{4}/,
  );
  await signInAs(page, C.casey);
  await expect(page).toHaveURL(/\/portal$/);
  await page.goto("/portal/documents");
  await expect(page.getByText("Nothing has been shared with you yet.")).toBeVisible();
  expect((await page.request.get(href!)).status()).toBe(404);
});

test("Jordan uploads a JPEG from the portal with the keyboard alone and a progress bar; Ana downloads identical bytes", async ({
  page,
}) => {
  test.slow(); // several people, each a sign-in: three times the usual minute
  const bytes = jpeg();
  const C = cast("documents-upload");
  await signInAs(page, C.jordan, { profile: /Jordan Lee\b(?! &)/ });
  await page.goto("/portal/documents");

  // Keyboard only: Tab to "Choose files", press Space, pick the file in the system dialog.
  const input = page.getByLabel("Choose files");
  let focused = false;
  for (let i = 0; i < 40 && !focused; i++) {
    await page.keyboard.press("Tab");
    focused = await input.evaluate((el) => el === document.activeElement);
  }
  expect(focused, "the Choose files control is reachable with Tab").toBe(true);
  const chooser = page.waitForEvent("filechooser");
  await page.keyboard.press("Space");
  await (await chooser).setFiles({ name: "insurance-card.jpg", mimeType: "image/jpeg", buffer: bytes });
  // The Name field starts with the file's own name; Enter in it uploads (docs/decisions.md, Files).
  const name = page.getByRole("group", { name: /insurance-card\.jpg/ }).getByLabel("Name");
  await expect(name).toHaveValue("insurance-card.jpg");
  await name.press("Enter");

  const bar = page.getByRole("progressbar", { name: /insurance-card\.jpg/ });
  await expect(bar).toBeVisible();
  await expect(bar).toHaveAttribute("value", "100");
  await expect(page.getByText("1 of 1 file uploaded. Your provider has been notified.")).toBeVisible();
  await expect(
    page.getByRole("region", { name: "Your uploads" }).getByRole("link", { name: "Download insurance-card.jpg" }),
  ).toBeVisible();

  await signInAs(page, C.ana);
  await expect(page).toHaveURL(/\/dashboard/);
  await page.goto(`/dashboard/clients/${C.profiles.jordan}/documents`);
  const uploads = page.getByRole("region", { name: "From the client" });
  const row = uploads.getByRole("listitem").filter({ hasText: "insurance-card.jpg" });
  await expect(row).toContainText("New");
  const downloading = page.waitForEvent("download");
  await row.getByRole("link", { name: "Download insurance-card.jpg" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("insurance-card.jpg");
  const fs = await import("node:fs");
  expect(fs.readFileSync((await download.path())!).equals(bytes)).toBe(true);
  await page.reload();
  await expect(
    page
      .getByRole("region", { name: "From the client" })
      .getByRole("listitem")
      .filter({ hasText: "insurance-card.jpg" }),
  ).not.toContainText("New");
});

test("a refused file shows a clear message at the upload, and nothing is listed", async ({ page }) => {
  await signInAs(page, cast("documents-refused").casey);
  await expect(page).toHaveURL(/\/portal$/);
  await page.goto("/portal/documents");
  await page.getByLabel("Choose files").setInputFiles({
    name: "invoice.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.from("<!doctype html><html><script>alert(1)</script></html>"),
  });
  await page.getByRole("button", { name: "Upload", exact: true }).click();
  await expect(page.getByText(/This file contains web-page or SVG content, which isn't accepted/)).toBeVisible();
  await expect(page.getByText("Nothing was uploaded.")).toBeVisible();
  await expect(page.getByRole("region", { name: "Your uploads" }).getByText("invoice.pdf")).toHaveCount(1); // the progress line only
  await expect(
    page.getByRole("region", { name: "Your uploads" }).getByRole("link", { name: "Download invoice.pdf" }),
  ).toHaveCount(0);
});

test("the upload route refuses other origins, and a file one byte over the limit gets 413 with a clear message", async ({
  page,
  baseURL,
}) => {
  await signInAs(page, cast("documents-limits").casey);
  await expect(page).toHaveURL(/\/portal$/);
  const foreign = await page.request.post("/api/files/upload", {
    headers: { origin: "https://evil.example", "x-file-name": "a.txt" },
    data: Buffer.from("hello"),
  });
  expect(foreign.status()).toBe(403);

  const limit = 25 * 1024 * 1024;
  const big = Buffer.alloc(limit + 1, 0x20);
  PDF.copy(big, 0);
  const res = await page.request.post("/api/files/upload", {
    headers: { origin: baseURL!, "x-file-name": "big.pdf", "content-type": "application/octet-stream" },
    data: big,
  });
  expect(res.status()).toBe(413);
  expect((await res.json()).error).toBe(
    "This file is larger than the practice's limit of 25 MB. Nothing was uploaded.",
  );
  await page.goto("/portal/documents");
  await expect(page.getByText("big.pdf")).toHaveCount(0);
});
