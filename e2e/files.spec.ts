import type { Browser, Page } from "@playwright/test";
import { test, expect, signInAs, cast, type Person } from "./fixtures";

/**
 * docs/decisions.md, Files: a client names each upload and can remove their own until staff open it; staff preview
 * JPEG and PNG uploads; a Download of a withdrawn file says so in words; the dashboard's to-do leads to the upload.
 */

/** A small JPEG-typed file (no '<' bytes, so nothing markup-like by chance). */
function jpeg(size = 20_000): Buffer {
  const head = Buffer.from([
    0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00,
    0x00,
  ]);
  const body = Buffer.alloc(size, 0x11);
  return Buffer.concat([head, body, Buffer.from([0xff, 0xd9])]);
}
/** A real 1×1 PNG, so the browser can draw the preview. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);
const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

/** A second browser for another person, at the same size, signed in through the same fixture. */
async function otherPerson(browser: Browser, page: Page, person: Person, profile?: RegExp): Promise<Page> {
  const ctx = await browser.newContext({
    baseURL: test.info().project.use.baseURL,
    viewport: page.viewportSize() ?? undefined,
  });
  const other = await ctx.newPage();
  await signInAs(other, person, { profile });
  return other;
}

/** Chooses files in the portal's upload and returns the Name field of the first. */
async function choose(page: Page, file: { name: string; mimeType: string; buffer: Buffer }) {
  await page.getByLabel("Choose files").setInputFiles(file);
  return page.getByRole("group", { name: new RegExp(file.name.replace(/[.()]/g, "\\$&")) }).getByLabel("Name");
}

test("Jordan names an upload, removes a mistaken one, and cannot remove one Ana has opened", async ({
  page,
  browser,
}) => {
  test.slow(); // several people, each a sign-in: three times the usual minute
  const C = cast("files-name-remove");
  await signInAs(page, C.jordan, { profile: /Jordan Lee\b(?! &)/ });
  await page.goto("/portal/documents");
  const uploads = page.getByRole("region", { name: "Your uploads" });

  // A phone photo is "image.jpg": the Name field starts with it, and Jordan names it before uploading.
  const name = await choose(page, { name: "image.jpg", mimeType: "image/jpeg", buffer: jpeg() });
  await expect(name).toHaveValue("image.jpg");
  await name.fill("Insurance card/front");
  await page.getByRole("button", { name: "Upload", exact: true }).click();
  await expect(page.getByText("A name cannot contain / or \\.")).toBeVisible();
  await expect(name).toHaveValue("Insurance card/front");
  await expect(name).toHaveAttribute("aria-invalid", "true");
  await name.fill("Insurance card (front)");
  await page.getByRole("button", { name: "Upload", exact: true }).click();
  await expect(page.getByText("1 of 1 file uploaded. Your provider has been notified.")).toBeVisible();
  const card = uploads.getByTestId("uploaded-document").filter({ hasText: "Insurance card (front).jpg" });
  await expect(card.getByRole("button", { name: "Remove Insurance card (front).jpg" })).toBeVisible();

  // The name is the download's file name.
  const downloading = page.waitForEvent("download");
  await card.getByRole("link", { name: "Download Insurance card (front).jpg" }).click();
  expect((await downloading).suggestedFilename()).toBe("Insurance card (front).jpg");

  // A mistaken upload: Remove asks first; cancelling keeps it, confirming removes it.
  await (
    await choose(page, { name: "someone-elses-letter.pdf", mimeType: "application/pdf", buffer: PDF })
  ).fill("Wrong letter");
  await page.getByRole("button", { name: "Upload", exact: true }).click();
  const wrong = uploads.getByTestId("uploaded-document").filter({ hasText: "Wrong letter.pdf" });
  await expect(wrong).toBeVisible();
  page.once("dialog", (d) => void d.dismiss());
  await wrong.getByRole("button", { name: "Remove Wrong letter.pdf" }).click();
  await expect(wrong).toBeVisible();
  let question = "";
  page.once("dialog", (d) => {
    question = d.message();
    void d.accept();
  });
  await wrong.getByRole("button", { name: "Remove Wrong letter.pdf" }).click();
  await expect(wrong).toHaveCount(0);
  expect(question).toBe("Remove Wrong letter.pdf? Your provider will not see it, and this cannot be undone.");

  // Ana sees the name Jordan gave, never the removed file; opening it ends Jordan's chance to remove it.
  const ana = await otherPerson(browser, page, C.ana);
  await ana.goto(`/dashboard/clients/${C.profiles.jordan}/documents`);
  const fromClient = ana.getByRole("region", { name: "From the client" });
  await expect(fromClient).toContainText("Insurance card (front).jpg");
  await expect(fromClient).not.toContainText("Wrong letter");
  const anaDownload = ana.waitForEvent("download");
  await fromClient.getByRole("link", { name: "Download Insurance card (front).jpg" }).click();
  expect((await anaDownload).suggestedFilename()).toBe("Insurance card (front).jpg");
  await ana.context().close();

  // Jordan's page is stale (Remove still shown): the server refuses, in words.
  page.once("dialog", (d) => void d.accept());
  await card.getByRole("button", { name: "Remove Insurance card (front).jpg" }).click();
  await expect(card.getByRole("alert")).toHaveText(
    "Your provider has already opened this file, so it can no longer be removed. Ask your provider if it should be deleted.",
  );
  await page.reload();
  await expect(card).toContainText("Your provider has opened this file.");
  await expect(card.getByRole("button", { name: /Remove/ })).toHaveCount(0);
});

test("Ana's to-do leads to Jordan's new upload, highlighted; she previews the PNG safely; several uploads list each", async ({
  page,
  browser,
}) => {
  test.slow(); // several people, each a sign-in: three times the usual minute
  const C = cast("files-preview-todo");
  await signInAs(page, C.jordan, { profile: /Jordan Lee\b(?! &)/ });
  await page.goto("/portal/documents");
  await (await choose(page, { name: "IMG_0042.png", mimeType: "image/png", buffer: PNG })).fill("Insurance card");
  await page.getByRole("button", { name: "Upload", exact: true }).click();
  await expect(page.getByText("1 of 1 file uploaded. Your provider has been notified.")).toBeVisible();
  const id = (await page.getByRole("link", { name: "Download Insurance card.png" }).getAttribute("href"))!
    .split("/")
    .pop()!;
  // A client cannot use the preview route.
  expect((await page.request.get(`/api/files/${id}/preview`)).status()).toBe(404);

  await signInAs(page, C.ana);
  const todo = page.getByTestId("todo-list").getByRole("link", { name: /New documents uploaded by clients/ });
  await expect(page.getByTestId("todo-count-documents.new-uploads")).toContainText("1");
  await todo.click();
  await expect(page).toHaveURL(
    new RegExp(`/dashboard/clients/${C.profiles.jordan}/documents\\?highlight=${id}#document-${id}$`),
  );
  const item = page.locator(`#document-${id}`);
  await expect(item).toHaveAttribute("data-highlighted", "true");
  await expect(item).toContainText("Insurance card.png");
  await expect(item).toContainText("New");
  await expect(item).toBeInViewport();

  await item.getByRole("link", { name: "Preview Insurance card.png" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Insurance card.png" })).toBeVisible();
  const img = page.getByRole("img", { name: "Preview of Insurance card.png" });
  await expect(img).toBeVisible();
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(1);
  const res = await page.request.get(`/api/files/${id}/preview`);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toBe("image/png");
  expect(res.headers()["content-disposition"]).toBe(
    `inline; filename="Insurance card.png"; filename*=UTF-8''Insurance%20card.png`,
  );
  expect(res.headers()["content-security-policy"]).toBe("default-src 'none'; img-src 'self'; sandbox");
  expect(res.headers()["x-content-type-options"]).toBe("nosniff");
  expect(res.headers()["cache-control"]).toBe("no-store");
  expect((await res.body()).equals(PNG)).toBe(true);
  await page.getByRole("link", { name: /Back to documents/ }).click();
  await expect(page.locator(`#document-${id}`)).not.toContainText("New");

  // Two more uploads (Jordan and Pat): the to-do now leads to a list of the new ones, each linked to itself.
  const jordan = await otherPerson(browser, page, C.jordan, /Jordan Lee\b(?! &)/);
  await jordan.goto("/portal/documents");
  await (await choose(jordan, { name: "referral.pdf", mimeType: "application/pdf", buffer: PDF })).fill("Referral");
  await jordan.getByRole("button", { name: "Upload", exact: true }).click();
  await expect(jordan.getByText("1 of 1 file uploaded. Your provider has been notified.")).toBeVisible();
  const pdfId = (await jordan.getByRole("link", { name: "Download Referral.pdf" }).getAttribute("href"))!
    .split("/")
    .pop()!;
  await signInAs(jordan, C.pat, { profile: /Pat Park/ });
  await jordan.goto("/portal/documents");
  await (
    await choose(jordan, { name: "school-note.pdf", mimeType: "application/pdf", buffer: PDF })
  ).fill("School note");
  await jordan.getByRole("button", { name: "Upload", exact: true }).click();
  await expect(jordan.getByText("1 of 1 file uploaded. Your provider has been notified.")).toBeVisible();
  await jordan.context().close();
  // A PDF has no preview, not even by URL.
  expect((await page.request.get(`/api/files/${pdfId}/preview`)).status()).toBe(404);

  await page.goto("/dashboard");
  await expect(page.getByTestId("todo-count-documents.new-uploads")).toContainText("2");
  await todo.click();
  await expect(page).toHaveURL(/\/dashboard\/documents$/);
  const list = page.getByRole("list", { name: "New uploads" });
  await expect(list.getByRole("listitem")).toHaveCount(2);
  await expect(list).toContainText("Jordan Lee");
  await expect(list).toContainText("Pat Park");
  await list.getByRole("link", { name: "Referral.pdf" }).click();
  await expect(page.locator(`#document-${pdfId}`)).toHaveAttribute("data-highlighted", "true");
});

test("a Download of a share withdrawn while the page was open says so, instead of saving an error file", async ({
  page,
  browser,
}) => {
  test.slow(); // several people, each a sign-in: three times the usual minute
  const C = cast("files-withdrawn");
  await signInAs(page, C.ana);
  await page.goto(`/dashboard/clients/${C.profiles.jordan}/documents`);
  await page
    .getByLabel("Choose files")
    .setInputFiles({ name: "homework.pdf", mimeType: "application/pdf", buffer: PDF });
  await page.getByRole("button", { name: "Share", exact: true }).click();
  await expect(page.getByText("Shared 1 file. The client has been notified.")).toBeVisible();

  const href = await page
    .getByTestId("shared-document")
    .getByRole("link", { name: "Download homework.pdf" })
    .getAttribute("href");
  const jordan = await otherPerson(browser, page, C.jordan, /Jordan Lee\b(?! &)/);
  await jordan.goto("/portal/documents");
  const link = jordan.getByRole("link", { name: "Download homework.pdf" });
  await expect(link).toBeVisible();

  await page.getByRole("button", { name: "Withdraw homework.pdf" }).click();
  // Withdrawing asks first, in the page's own dialog.
  await page
    .getByRole("dialog", { name: "Withdraw homework.pdf?" })
    .getByRole("button", { name: /^Yes, / })
    .click();
  await expect(page.getByTestId("shared-document").filter({ hasText: "homework.pdf" })).toContainText(/Withdrawn/);

  let downloads = 0;
  jordan.on("download", () => downloads++);
  await link.click();
  await expect(jordan).toHaveURL(/\/portal\/documents\?notice=unavailable$/);
  await expect(
    jordan.getByRole("alert").filter({ hasText: "This document is no longer shared with you." }),
  ).toBeVisible();
  await expect(jordan.getByText("Nothing has been shared with you yet.")).toBeVisible();
  expect(downloads).toBe(0);
  // Scripts still get a plain 404 (never the file).
  expect((await jordan.request.get(href!)).status()).toBe(404);
  await jordan.context().close();
});
