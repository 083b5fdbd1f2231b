import type { Browser, Page } from "@playwright/test";
import { test, expect, signInAs, cast, type Person } from "./fixtures";

/**
 * docs/decisions.md, Messaging: one conversation per client profile, read by whoever reaches the profile; plain
 * text up to 5,000 characters; live without a reload; attachments through the document store; works without
 * JavaScript.
 */

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

async function send(page: Page, text: string) {
  await page.getByLabel("Your message").fill(text);
  await page.getByRole("button", { name: "Send message" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Message sent." })).toBeVisible();
  await expect(page.getByLabel("Your message")).toHaveValue("");
}

const COUPLE = /Jordan & Casey Lee/;
const JORDAN_ALONE = /Jordan Lee\b(?! &)/;

test("Jordan writes to Ana from the couple profile: Casey reads it, Pat gets 404, Ana replies and Jordan sees it live", async ({
  page,
  browser,
}) => {
  test.slow(); // four people, each a sign-in
  const C = cast("messaging");
  await signInAs(page, C.jordan, { profile: COUPLE });
  await page.getByRole("navigation", { name: "Portal" }).getByRole("link", { name: "Messages" }).click();
  await expect(page.getByRole("heading", { name: "Messages", level: 1 })).toBeVisible();
  // The standing notice: not for emergencies, with the crisis line.
  const notice = page.getByTestId("messaging-emergency-notice");
  await expect(notice).toContainText("not for emergencies");
  await expect(notice.getByRole("link", { name: "988" })).toHaveAttribute("href", "tel:988");

  await send(page, "Can we move Thursday's session?\nAny time after 3 works. <script>alert(1)</script>");
  const mine = page.getByTestId("message").last();
  await expect(mine).toContainText("You (Jordan Lee, partner)");
  // Markup typed in a message is shown as text, with its line break kept.
  await expect(mine.getByTestId("message-body")).toHaveText(
    "Can we move Thursday's session?\nAny time after 3 works. <script>alert(1)</script>",
  );
  // Sending from /portal/messages started the conversation; its own address is what Pat will try.
  const couple = await otherPerson(browser, page, C.casey, COUPLE);
  await couple.goto("/portal/messages");
  await expect(couple.getByTestId("message").last()).toContainText("Jordan Lee, partner");
  await expect(couple.getByTestId("message").last()).toContainText("Can we move Thursday's session?");
  const pdfHref = await couple.getByRole("link", { name: "Download as PDF" }).getAttribute("href");
  const conversationId = /\/api\/messages\/([0-9a-f-]{36})\/pdf/.exec(pdfHref ?? "")?.[1];
  expect(conversationId).toBeTruthy();

  const pat = await otherPerson(browser, page, C.pat);
  const patTries = await pat.goto(`/portal/messages/${conversationId}`);
  expect(patTries?.status()).toBe(404);

  // Jordan waits on the conversation's own page; Ana finds it first in her inbox, unread.
  await page.goto(`/portal/messages/${conversationId}`);
  const ana = await otherPerson(browser, page, C.ana);
  // The dashboard's to-do counts the unread message.
  await expect(ana.getByTestId("todo-count-messages.unread")).toHaveText(/^1/);
  await ana.getByRole("navigation", { name: "Staff" }).getByRole("link", { name: "Messages" }).click();
  const inbox = ana.getByTestId("inbox");
  await expect(inbox.getByRole("listitem").first()).toContainText("Jordan & Casey Lee");
  await expect(inbox.getByRole("listitem").first()).toContainText("1 unread");
  await inbox.getByRole("link", { name: "Jordan & Casey Lee" }).click();
  await expect(ana.getByTestId("message").last()).toContainText("Any time after 3 works.");

  // Ana read it: Jordan's page shows "Seen" without a reload.
  await expect(page.getByTestId("message").last()).toContainText("Seen", { timeout: 5_000 });

  await ana.getByLabel("Your message").fill("Thursday at 4 pm works. See you both then.");
  await ana.getByRole("button", { name: "Send message" }).click();
  await expect(ana.getByRole("status").filter({ hasText: "Message sent." })).toBeVisible();
  // Live: the reply appears on Jordan's open page within 2 seconds, with no reload.
  await expect(page.getByText("Thursday at 4 pm works.")).toBeVisible({ timeout: 2_000 });
  await expect(page.getByTestId("message").last()).toContainText(`${C.ana.name}, clinician`);

  // Jordan's message on his own profile: Casey cannot open it by its address.
  await signInAs(page, C.jordan, { profile: JORDAN_ALONE });
  await page.goto("/portal/messages");
  await send(page, "Something just for Ana.");
  const ownHref = await page.getByRole("link", { name: "Download as PDF" }).getAttribute("href");
  const ownId = /\/api\/messages\/([0-9a-f-]{36})\/pdf/.exec(ownHref ?? "")?.[1];
  const caseyTries = await couple.goto(`/portal/messages/${ownId}`);
  expect(caseyTries?.status()).toBe(404);
  await couple.goto("/portal/messages");
  await expect(couple.getByText("Something just for Ana.")).toHaveCount(0);

  for (const p of [couple, pat, ana]) await p.context().close();
});

/** A small JPEG-typed file (no '<' bytes, so nothing markup-like by chance). */
function jpeg(size = 20_000): Buffer {
  const head = Buffer.from([
    0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00,
    0x00,
  ]);
  return Buffer.concat([head, Buffer.alloc(size, 0x11), Buffer.from([0xff, 0xd9])]);
}
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');

test("an oversize message is refused at the field with the text kept; a JPEG attachment reaches both sides and documents, an SVG is refused", async ({
  page,
  browser,
}) => {
  test.slow();
  const C = cast("messaging-files");
  await signInAs(page, C.pat, { profile: /Mia Park/ });
  await page.goto("/portal/messages");
  const long = "x".repeat(5001);
  await page.getByLabel("Your message").fill(long);
  await page.getByRole("button", { name: "Send message" }).click();
  await expect(page.getByText(/at most 5,000 characters \(this one has 5,001\)/)).toBeVisible();
  await expect(page.getByLabel("Your message")).toHaveValue(long);
  await expect(page.getByLabel("Your message")).toHaveAttribute("aria-invalid", "true");

  // An SVG is refused by the document store's own checks; the text stays.
  await page.getByLabel("Your message").fill("Here is the school letter.");
  await page.getByLabel("Attach a file (optional)").setInputFiles({
    name: "letter.svg",
    mimeType: "image/svg+xml",
    buffer: SVG,
  });
  await page.getByRole("button", { name: "Send message" }).click();
  await expect(page.getByText(/isn't accepted/)).toBeVisible();
  await expect(page.getByLabel("Your message")).toHaveValue("Here is the school letter.");
  await expect(page.getByTestId("message")).toHaveCount(0);

  const photo = jpeg();
  await page.getByLabel("Attach a file (optional)").setInputFiles({
    name: "letter.jpg",
    mimeType: "image/jpeg",
    buffer: photo,
  });
  await page.getByRole("button", { name: "Send message" }).click();
  // Pat starts the next message while the photo is still uploading: what she types is not wiped by the send.
  await page.getByLabel("Your message").fill("And one more question.");
  await expect(page.getByRole("status").filter({ hasText: "Message sent." })).toBeVisible();
  await expect(page.getByLabel("Your message")).toHaveValue("And one more question.");
  const mine = page.getByTestId("message").last();
  await expect(mine).toContainText("You (Pat Park, guardian)");
  await expect(mine).toContainText("Attachment: letter.jpg");

  const download = async (p: Page) => {
    const [d] = await Promise.all([
      p.waitForEvent("download"),
      p.getByTestId("message").last().getByRole("link", { name: "Download letter.jpg" }).click(),
    ]);
    const stream = await d.createReadStream();
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    return Buffer.concat(chunks);
  };
  expect((await download(page)).equals(photo)).toBe(true);

  const ana = await otherPerson(browser, page, C.ana);
  await ana.goto(`/dashboard/clients/${C.profiles.mia}/messages`);
  await expect(ana.getByTestId("message").last()).toContainText("Pat Park, guardian");
  expect((await download(ana)).equals(photo)).toBe(true);
  // The attachment is one of the profile's documents too.
  await ana.goto(`/dashboard/clients/${C.profiles.mia}/documents`);
  await expect(ana.getByText("letter.jpg").first()).toBeVisible();
  await ana.context().close();
});

test("without JavaScript a client posts a message and the page reloads with it", async ({ page, browser }) => {
  const C = cast("messaging-nojs");
  await signInAs(page, C.alex);
  const noJs = await browser.newContext({
    baseURL: test.info().project.use.baseURL,
    javaScriptEnabled: false,
    storageState: await page.context().storageState(),
    viewport: { width: 360, height: 780 },
  });
  const p = await noJs.newPage();
  await p.goto("/portal/messages");
  await p.getByLabel("Your message").fill("Written without scripts.");
  await p.getByRole("button", { name: "Send message" }).click();
  await expect(p).toHaveURL(/\/portal\/messages\/[0-9a-f-]{36}$/);
  await expect(p.getByTestId("message").last()).toContainText("Written without scripts.");
  // Edit inside the window, also without scripts.
  await p.locator("summary", { hasText: "Edit" }).click();
  await p.getByLabel("Edited message").fill("Written without scripts, edited.");
  await p.getByRole("button", { name: "Save changes" }).click();
  await expect(p.getByTestId("message").last()).toContainText("Written without scripts, edited.");
  await expect(p.getByTestId("message").last()).toContainText("Edited");
  await p.getByRole("button", { name: "Remove this message" }).click();
  await expect(p.getByTestId("message").last()).toContainText("message removed");
  await noJs.close();
});
