import type { Page } from "@playwright/test";
import { test, expect, signInAs, cast } from "./fixtures";

/**
 * docs/decisions.md, Messaging: without JavaScript. The compose form posts text and file together; the file goes
 * through the document store's own checks like the scripted upload; a refusal comes back with its real status, the
 * message at its field and the text kept; a sent message is on the thread after the reload.
 */

/** A small JPEG-typed file (no '<' bytes, so nothing markup-like by chance). */
function jpeg(size = 20_000): Buffer {
  const head = Buffer.from([
    0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00,
    0x00,
  ]);
  return Buffer.concat([head, Buffer.alloc(size, 0x22), Buffer.from([0xff, 0xd9])]);
}
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');

/** Clicks Send and returns the status of the form post the browser made (a navigation, no script). */
async function sendAndStatus(p: Page): Promise<number> {
  const [res] = await Promise.all([
    p.waitForResponse((r) => new URL(r.url()).pathname === "/api/messages" && r.request().method() === "POST"),
    p.getByRole("button", { name: "Send message" }).click(),
  ]);
  return res.status();
}

test("without JavaScript a client sends a message with a JPEG attached; an SVG and an overlong text are refused at their field, text kept", async ({
  page,
  browser,
}) => {
  test.slow(); // a sign-in, then several full-page posts
  const C = cast("messaging-nojs-attach");
  await signInAs(page, C.alex);
  const noJs = await browser.newContext({
    baseURL: test.info().project.use.baseURL,
    javaScriptEnabled: false,
    storageState: await page.context().storageState(),
    viewport: { width: 360, height: 780 },
    acceptDownloads: true,
  });
  const p = await noJs.newPage();
  await p.goto("/portal/messages");
  await expect(p.getByText("No messages yet.")).toBeVisible();

  // Too long: refused at the text, which comes back whole.
  const long = "y".repeat(5001);
  await p.getByLabel("Your message").fill(long);
  expect(await sendAndStatus(p)).toBe(400);
  await expect(p.getByRole("heading", { name: "Your message was not sent" })).toBeVisible();
  await expect(p.getByText(/at most 5,000 characters \(this one has 5,001\)/)).toBeVisible();
  await expect(p.getByLabel("Your message")).toHaveValue(long);
  await expect(p.getByLabel("Your message")).toHaveAttribute("aria-invalid", "true");

  // An SVG: the document store's markup check refuses it (415), the message is at the file field, the text stays.
  await p.getByLabel("Your message").fill("Here is the referral letter.");
  await p.getByLabel("Attach a file (optional)").setInputFiles({
    name: "letter.svg",
    mimeType: "image/svg+xml",
    buffer: SVG,
  });
  expect(await sendAndStatus(p)).toBe(415);
  const file = p.getByLabel("Attach a file (optional)");
  await expect(file).toHaveAttribute("aria-invalid", "true");
  await expect(p.locator("#message-attachment-error")).toContainText("SVG content, which isn't accepted");
  await expect(p.getByLabel("Your message")).toHaveValue("Here is the referral letter.");
  await expect(p.getByLabel("Your message")).not.toHaveAttribute("aria-invalid", "true");

  // The same form, now with a JPEG: sent, and the thread shows it after the reload.
  const photo = jpeg();
  await file.setInputFiles({ name: "letter.jpg", mimeType: "image/jpeg", buffer: photo });
  expect(await sendAndStatus(p)).toBe(303);
  await expect(p).toHaveURL(/\/portal\/messages\/[0-9a-f-]{36}$/);
  await expect(p.getByTestId("message")).toHaveCount(1);
  const mine = p.getByTestId("message").last();
  await expect(mine).toContainText("You (Alex Kim, client)");
  await expect(mine.getByTestId("message-body")).toHaveText("Here is the referral letter.");
  await expect(mine).toContainText("Attachment: letter.jpg");

  // The attachment is the file that was chosen, byte for byte.
  const [download] = await Promise.all([
    p.waitForEvent("download"),
    mine.getByRole("link", { name: "Download letter.jpg" }).click(),
  ]);
  const chunks: Buffer[] = [];
  for await (const c of await download.createReadStream()) chunks.push(c as Buffer);
  expect(Buffer.concat(chunks).equals(photo)).toBe(true);

  // Neither refused post left a message or a document behind; the JPEG is in the profile's documents.
  await p.goto("/portal/documents");
  await expect(p.getByText("letter.jpg")).toHaveCount(1);
  await expect(p.getByText("letter.svg")).toHaveCount(0);
  await noJs.close();
});
