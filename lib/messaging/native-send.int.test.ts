import { afterEach, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { db } from "@/db";
import { documents, messages } from "@/db/schema";
import { DEMO } from "@/lib/demo/seed";
import { principalFor } from "@/lib/test/auth-fixtures";
import { restoreClock, setNow } from "@/lib/test/clock";
import { readThread } from "./messages";
import { sendNativePost } from "./native-send";

/** Posts from a browser without JavaScript (lib/messaging/native-send.ts): the form as a browser encodes it. */
const P = DEMO.profiles;
const who = (email: string, activeProfileId: string | null = null) => principalFor(email, "test", activeProfileId);
/** A client's upload goes to their active profile, as after choosing it at sign-in. */
const alexClient = () => who(DEMO.alex, P.alex);

afterEach(() => restoreClock());

async function post(fields: Record<string, string>, file?: { name: string; type: string; bytes: Buffer }) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  // A browser always sends the file part; with no file chosen it is empty and nameless.
  fd.set(
    "attachment",
    file ? new File([new Uint8Array(file.bytes)], file.name, { type: file.type }) : new File([], ""),
  );
  const encoded = new Request("http://localhost/api/messages", { method: "POST", body: fd });
  const body = Buffer.from(await encoded.arrayBuffer());
  return new Request("http://localhost/api/messages", {
    method: "POST",
    body,
    headers: { "content-type": encoded.headers.get("content-type")!, "content-length": String(body.length) },
  });
}

const JPEG = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01]),
  Buffer.alloc(4000, 0x33),
  Buffer.from([0xff, 0xd9]),
]);
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');

async function messagesOf(profileId: string) {
  const alex = await alexClient();
  const r = await sendNativePost(await post({ profileId, body: "probe", back: "/portal/messages" }), alex);
  const id = /\/portal\/messages\/([0-9a-f-]{36})$/.exec(r.headers.get("location") ?? "")![1];
  return (await readThread(alex, id)).messages;
}

describe("sending without JavaScript", () => {
  it("sends the text with a JPEG through the document store and answers 303 to the thread", async () => {
    const alex = await alexClient();
    const r = await sendNativePost(
      await post(
        { profileId: P.alex, body: "The letter, attached.", back: "/portal/messages" },
        { name: "letter.jpg", type: "image/jpeg", bytes: JPEG },
      ),
      alex,
    );
    expect(r.status).toBe(303);
    expect(r.headers.get("location")).toMatch(/^\/portal\/messages\/[0-9a-f-]{36}$/);
    const sent = (await messagesOf(P.alex)).find((m) => m.body === "The letter, attached.")!;
    expect(sent.attachment).toMatchObject({ fileName: "letter.jpg", sizeBytes: JPEG.length });
  });

  it("refuses an SVG at the attachment field (415) with the text kept, and keeps nothing", async () => {
    const alex = await alexClient();
    const r = await sendNativePost(
      await post(
        { profileId: P.alex, body: "Here is <the> drawing & more.", back: "/portal/messages" },
        { name: "drawing.svg", type: "image/svg+xml", bytes: SVG },
      ),
      alex,
    );
    expect(r.status).toBe(415);
    const html = await r.text();
    expect(html).toContain("Here is &lt;the&gt; drawing &amp; more.</textarea>");
    expect(html).toMatch(/id="message-attachment-error"[^>]*>This file contains web-page or SVG content/);
    expect(html).not.toContain("drawing.svg");
    const docs = await db
      .select()
      .from(documents)
      .where(and(eq(documents.profileId, P.alex), eq(documents.fileName, "drawing.svg")));
    expect(docs).toHaveLength(0);
    expect((await messagesOf(P.alex)).some((m) => m.body.includes("drawing"))).toBe(false);
  });

  it("past the per-minute limit answers 429 with the reason at the text, which is kept", async () => {
    const sam = await who(DEMO.sam);
    setNow("2031-01-01T10:00:00Z");
    const form = { profileId: P.alex, back: `/dashboard/clients/${P.alex}/messages` };
    for (let i = 0; i < 20; i++)
      expect((await sendNativePost(await post({ ...form, body: `note ${i}` }), sam)).status).toBe(303);
    const r = await sendNativePost(await post({ ...form, body: "One more note." }), sam);
    expect(r.status).toBe(429);
    const html = await r.text();
    expect(html).toMatch(/id="message-body-error"[^>]*>You have sent a lot of messages/);
    expect(html).toContain(">One more note.</textarea>");
  });

  it("refuses a body longer than the upload limit allows before reading it (413), and a stranger's profile is 404", async () => {
    const alex = await alexClient();
    const big = new Request("http://localhost/api/messages", {
      method: "POST",
      body: "x",
      headers: { "content-type": "multipart/form-data; boundary=x", "content-length": String(200 * 1024 * 1024) },
    });
    const r = await sendNativePost(big, alex);
    expect(r.status).toBe(413);
    expect(await r.text()).toContain("larger than the practice&#39;s limit of 25 MB");

    const before = await db.select({ id: messages.id }).from(messages);
    const stranger = await sendNativePost(
      await post({ profileId: P.pat, body: "hello", back: "/portal/messages" }),
      alex,
    );
    expect(stranger.status).toBe(404);
    expect(await db.select({ id: messages.id }).from(messages)).toHaveLength(before.length);
  });
});
