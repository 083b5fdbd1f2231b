import { afterEach, describe, expect, it } from "vitest";
import { and, eq, inArray } from "drizzle-orm";
import { db } from "@/db";
import { Readable } from "node:stream";
import { auditLog, documents, emailOutbox, practiceSettings } from "@/db/schema";
import { receiveUpload } from "@/lib/documents";
import { attachmentFor } from "./attachments";
import { DEMO } from "@/lib/demo/seed";
import { principalFor } from "@/lib/test/auth-fixtures";
import { advanceNow, restoreClock, setNow } from "@/lib/test/clock";
import { withRenderedBodies } from "@/lib/test/outbox";
import { MINUTE } from "@/lib/core/clock";
import {
  conversationChangedSince,
  deleteMessage,
  editMessage,
  findConversation,
  listConversations,
  readThread,
  sendMessage,
  setProfileMessaging,
  unreadCount,
} from "./messages";
import { notifyUnreadMessages } from "./notify";
import { sendMessageSchema } from "./schemas";
import { subscribe } from "./live";

const P = DEMO.profiles;
const who = (email: string) => principalFor(email, "test");

afterEach(() => restoreClock());

async function auditActions(targetId: string) {
  return (await db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.targetId, targetId))).map(
    (r) => r.action,
  );
}

describe("who reads a conversation follows the profile's access", () => {
  it("both partners read the couple's conversation; Pat, Sam and a partner's individual profile are 404", async () => {
    const [jordan, casey, pat, ana, sam, admin] = await Promise.all(
      [DEMO.jordan, DEMO.casey, DEMO.pat, DEMO.ana, DEMO.sam, DEMO.admin].map(who),
    );
    const { conversationId } = await sendMessage(jordan, { profileId: P.jordanCasey, body: "Can we move Thursday?" });

    const seenByCasey = await readThread(casey, conversationId);
    expect(seenByCasey.messages.map((m) => [m.sender, m.body])).toEqual([
      ["Jordan Lee, partner", "Can we move Thursday?"],
    ]);
    expect((await readThread(ana, conversationId)).messages).toHaveLength(1);
    expect((await readThread(admin, conversationId)).messages).toHaveLength(1);
    for (const outsider of [pat, sam]) {
      await expect(readThread(outsider, conversationId)).rejects.toMatchObject({ status: 404 });
      await expect(sendMessage(outsider, { profileId: P.jordanCasey, body: "hi" })).rejects.toMatchObject({
        status: 404,
      });
    }

    // Jordan's own profile: Casey cannot read it, write to it or find it by id.
    const own = await sendMessage(jordan, { profileId: P.jordan, body: "Just for you, Ana." });
    await expect(findConversation(casey, own.conversationId)).rejects.toMatchObject({ status: 404 });
    await expect(readThread(casey, own.conversationId)).rejects.toMatchObject({ status: 404 });
    await expect(sendMessage(casey, { profileId: P.jordan, body: "hi" })).rejects.toMatchObject({ status: 404 });
    expect((await listConversations(casey)).map((c) => c.profileId)).toEqual([P.jordanCasey]);
  });

  it("a guardian writes in the minor's conversation, named with the relationship", async () => {
    const [pat, ana] = await Promise.all([who(DEMO.pat), who(DEMO.ana)]);
    const { conversationId } = await sendMessage(pat, { profileId: P.mia, body: "Mia is unwell today." });
    const thread = await readThread(ana, conversationId);
    expect(thread.messages.at(-1)?.sender).toBe("Pat Park, guardian");
    const reply = await sendMessage(ana, { profileId: P.mia, body: "Thank you, hope she feels better." });
    const forPat = await readThread(pat, reply.conversationId);
    expect(forPat.messages.at(-1)?.sender).toBe("Ana Rivera, clinician");
  });
});

describe("unread, seen and the staff inbox", () => {
  it("counts unread on both sides, marks 'Seen' once the other side read, and lists unread first", async () => {
    const [alex, sam] = await Promise.all([who(DEMO.alex), who(DEMO.sam)]);
    const before = await unreadCount(sam);
    const { conversationId } = await sendMessage(alex, { profileId: P.alex, body: "Hello Sam" });
    expect(await unreadCount(sam)).toBe(before + 1);
    expect((await listConversations(sam))[0]).toMatchObject({ conversationId, unread: 1 });

    // Not seen until Sam opens it.
    expect((await readThread(alex, conversationId)).messages[0].seen).toBe(false);
    await readThread(sam, conversationId);
    expect(await unreadCount(sam)).toBe(before);
    expect((await readThread(alex, conversationId)).messages[0].seen).toBe(true);

    await sendMessage(sam, { profileId: P.alex, body: "Hi Alex" });
    expect(await unreadCount(alex)).toBe(1);
    await readThread(alex, conversationId);
    expect(await unreadCount(alex)).toBe(0);
  });

  it("an admin reading for the record does not mark the clinician's messages read", async () => {
    const [jordan, ana, admin] = await Promise.all([who(DEMO.jordan), who(DEMO.ana), who(DEMO.admin)]);
    const { conversationId } = await sendMessage(jordan, { profileId: P.jordan, body: "For Ana" });
    const anaBefore = await unreadCount(ana);
    await readThread(admin, conversationId);
    expect(await unreadCount(ana)).toBe(anaBefore);
    expect((await readThread(jordan, conversationId)).messages.at(-1)?.seen).toBe(false);
  });
});

describe("limits", () => {
  it("refuses an empty or 5,001-character message and keeps line breaks and markup as text", () => {
    expect(sendMessageSchema.safeParse({ profileId: P.jordan, body: "   \n " }).success).toBe(false);
    const long = sendMessageSchema.safeParse({ profileId: P.jordan, body: "x".repeat(5001) });
    expect(long.success).toBe(false);
    expect(long.error?.issues[0].message).toMatch(/at most 5,000 characters \(this one has 5,001\)/);
    const ok = sendMessageSchema.parse({ profileId: P.jordan, body: "x".repeat(5000) });
    expect(ok.body).toHaveLength(5000);
    expect(sendMessageSchema.parse({ profileId: P.jordan, body: "a\r\nb <script>" }).body).toBe("a\nb <script>");
  });

  it("drops invisible control characters (NUL cannot be stored) instead of failing the send", async () => {
    const alex = await who(DEMO.alex);
    const input = sendMessageSchema.parse({ profileId: P.alex, body: "Pasted\u0000 from a PDF\u0007:\ttab\r\nnext" });
    expect(input.body).toBe("Pasted from a PDF:\ttab\nnext");
    const { conversationId } = await sendMessage(alex, input);
    expect((await readThread(alex, conversationId)).messages.at(-1)?.body).toBe("Pasted from a PDF:\ttab\nnext");
  });

  it("a client cannot write when the practice or the profile has messaging off; staff still can", async () => {
    const [pat, ana] = await Promise.all([who(DEMO.pat), who(DEMO.ana)]);
    await setProfileMessaging(ana, { profileId: P.pat, off: true });
    await expect(sendMessage(pat, { profileId: P.pat, body: "hello" })).rejects.toThrow(/call the office/);
    await sendMessage(ana, { profileId: P.pat, body: "Please call me." });
    await setProfileMessaging(ana, { profileId: P.pat, off: false });
    await sendMessage(pat, { profileId: P.pat, body: "Calling now" });

    await db.update(practiceSettings).set({ clientMessaging: false });
    try {
      await expect(sendMessage(pat, { profileId: P.pat, body: "hello" })).rejects.toThrow(/call the office/);
    } finally {
      await db.update(practiceSettings).set({ clientMessaging: true });
    }
  });

  it("holds a person to the per-minute limit with a clear message", async () => {
    const sam = await who(DEMO.sam);
    setNow("2031-01-01T10:00:00Z");
    for (let i = 0; i < 20; i++) await sendMessage(sam, { profileId: P.alex, body: `note ${i}` });
    await expect(sendMessage(sam, { profileId: P.alex, body: "one more" })).rejects.toMatchObject({
      status: 429,
      message: expect.stringMatching(/wait a minute/),
    });
    advanceNow(MINUTE + 1000);
    await sendMessage(sam, { profileId: P.alex, body: "after a minute" });
  });

  it("a refused message leaves its attachment unshared: no document, no email; sent later, it is shared once", async () => {
    const sam = await who(DEMO.sam);
    setNow("2031-02-01T10:00:00Z");
    for (let i = 0; i < 20; i++) await sendMessage(sam, { profileId: P.alex, body: `reminder ${i}` });
    const fileName = `worksheet ${Date.now()}.pdf`;
    // A clinician's upload is staged until shared; each send below stages its own (another test file may sweep
    // the shared staging folder between them).
    const attachment = async () => {
      const up = await receiveUpload(sam, {
        body: Readable.from([Buffer.from("%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n")]),
        fileName,
        profileId: P.alex,
      });
      if (up.kind !== "staged") throw new Error("a clinician's upload is staged");
      return () => attachmentFor(sam, P.alex, { attachmentTicket: up.ticket });
    };
    const emailsBefore = (await db.select({ id: emailOutbox.id }).from(emailOutbox)).length;
    const refused = await attachment();
    await expect(
      sendMessage(sam, { profileId: P.alex, body: "Here is the worksheet.", attach: refused }),
    ).rejects.toMatchObject({ status: 429 });
    const named = () => db.select({ id: documents.id }).from(documents).where(eq(documents.fileName, fileName));
    expect(await named()).toEqual([]);
    expect((await db.select({ id: emailOutbox.id }).from(emailOutbox)).length).toBe(emailsBefore);

    advanceNow(MINUTE + 1000);
    const sent = await sendMessage(sam, {
      profileId: P.alex,
      body: "Here is the worksheet.",
      attach: await attachment(),
    });
    const thread = await readThread(sam, sent.conversationId);
    expect(thread.messages.at(-1)?.attachment?.fileName).toBe(fileName);
    expect(await named()).toHaveLength(1);
  });
});

describe("edit and delete within 5 minutes", () => {
  it("the sender edits and deletes inside the window; afterwards the message is part of the record", async () => {
    const [casey, jordan] = await Promise.all([who(DEMO.casey), who(DEMO.jordan)]);
    setNow("2031-02-01T10:00:00Z");
    const a = await sendMessage(casey, { profileId: P.jordanCasey, body: "typo hre" });
    // Only the sender may change it, even in a shared conversation.
    await expect(editMessage(jordan, { messageId: a.messageId, body: "mine" })).rejects.toMatchObject({ status: 404 });
    advanceNow(4 * MINUTE);
    await editMessage(casey, { messageId: a.messageId, body: "typo here" });
    const b = await sendMessage(casey, { profileId: P.jordanCasey, body: "sent to the wrong place" });
    await deleteMessage(casey, { messageId: b.messageId });
    advanceNow(MINUTE + 1000);
    await expect(editMessage(casey, { messageId: a.messageId, body: "again" })).rejects.toThrow(/first 5 minutes/);
    await expect(deleteMessage(casey, { messageId: a.messageId })).rejects.toThrow(/first 5 minutes/);

    const thread = await readThread(jordan, a.conversationId);
    const edited = thread.messages.find((m) => m.id === a.messageId)!;
    const removed = thread.messages.find((m) => m.id === b.messageId)!;
    expect(edited).toMatchObject({ body: "typo here", editable: false });
    expect(edited.editedAt).not.toBeNull();
    expect(removed).toMatchObject({ deleted: true, body: "" });
    expect(await auditActions(a.messageId)).toEqual(expect.arrayContaining(["message.send", "message.edit"]));
    expect(await auditActions(b.messageId)).toEqual(expect.arrayContaining(["message.send", "message.delete"]));
    expect(await auditActions(a.conversationId)).toContain("message.thread_view");
  });
});

describe("the unread-message email", () => {
  it("after 10 minutes unread: one email without the text; none for a second message within the hour", async () => {
    const [alex, sam] = await Promise.all([who(DEMO.alex), who(DEMO.sam)]);
    const samUser = sam.userId;
    const t0 = new Date("2032-03-01T15:00:00Z");
    setNow(t0);
    await sendMessage(alex, { profileId: P.alex, body: "Secret worry about work" });
    const samEmails = async () =>
      db
        .select()
        .from(emailOutbox)
        .where(and(eq(emailOutbox.userId, samUser), eq(emailOutbox.template, "new-message")));
    const before = (await samEmails()).length;

    await notifyUnreadMessages(new Date(t0.getTime() + 9 * MINUTE));
    expect(await samEmails()).toHaveLength(before);
    await notifyUnreadMessages(new Date(t0.getTime() + 10 * MINUTE));
    const sent = await samEmails();
    expect(sent).toHaveLength(before + 1);
    const [email] = await withRenderedBodies(sent.slice(-1));
    expect(email.subject).toBe("You have a new secure message from Riverbend Counseling");
    expect(email.text).not.toMatch(/worry|Alex|Kim/);
    expect(email.html).toContain("/dashboard/messages");

    // A second message 20 minutes in, still unread 10 minutes later: the hour is not over, no second email.
    setNow(new Date(t0.getTime() + 20 * MINUTE));
    await sendMessage(alex, { profileId: P.alex, body: "And another thing" });
    await notifyUnreadMessages(new Date(t0.getTime() + 31 * MINUTE));
    await notifyUnreadMessages(new Date(t0.getTime() + 45 * MINUTE));
    expect(await samEmails()).toHaveLength(before + 1);
    // Nobody is emailed about what they already read.
    setNow(new Date(t0.getTime() + 2 * 60 * MINUTE));
    await sendMessage(alex, { profileId: P.alex, body: "Third" });
    await readThread(sam, (await listConversations(sam))[0].conversationId);
    await notifyUnreadMessages(new Date(t0.getTime() + 2 * 60 * MINUTE + 11 * MINUTE));
    expect(await samEmails()).toHaveLength(before + 1);
  });

  it("a client is emailed about the practice's unread message", async () => {
    const [ana, pat] = await Promise.all([who(DEMO.ana), who(DEMO.pat)]);
    const t0 = new Date("2033-01-01T15:00:00Z");
    setNow(t0);
    await sendMessage(ana, { profileId: P.mia, body: "About Mia's next visit" });
    await notifyUnreadMessages(new Date(t0.getTime() + 11 * MINUTE));
    const rows = await db
      .select()
      .from(emailOutbox)
      .where(and(inArray(emailOutbox.userId, [pat.userId]), eq(emailOutbox.template, "new-message")));
    expect(rows.length).toBeGreaterThanOrEqual(1);
    const [email] = await withRenderedBodies(rows.slice(-1));
    expect(email.text).not.toMatch(/Mia|visit/);
    expect(email.html).toContain("/portal/messages");
  });
});

describe("live delivery", () => {
  it("a subscriber hears a message sent in its conversation (LISTEN/NOTIFY), and only its own", async () => {
    const [jordan, ana] = await Promise.all([who(DEMO.jordan), who(DEMO.ana)]);
    const { conversationId } = await sendMessage(jordan, { profileId: P.jordanCasey, body: "first" });
    const heard: string[] = [];
    const stop = await subscribe(conversationId, (id) => heard.push(id));
    try {
      await sendMessage(ana, { profileId: P.jordan, body: "elsewhere" });
      await sendMessage(ana, { profileId: P.jordanCasey, body: "reply" });
      await expect.poll(() => heard.length, { timeout: 2000 }).toBeGreaterThanOrEqual(1);
      expect(new Set(heard)).toEqual(new Set([conversationId]));
    } finally {
      stop();
    }
  });

  it("a change after a page's render is found for its event stream; the page's own state is not a change", async () => {
    const [jordan, ana] = await Promise.all([who(DEMO.jordan), who(DEMO.ana)]);
    // Later than any other test of this file: the conversation is shared with them.
    setNow(new Date("2035-03-01T15:00:00.000Z"));
    const { conversationId } = await sendMessage(jordan, { profileId: P.jordanCasey, body: "are you there?" });
    // Ana's page renders: what it shows is not news to its stream, however precise the database's clock is.
    const page = await readThread(ana, conversationId);
    expect(page.changedUpTo.messages).toBeGreaterThan(0);
    expect(await conversationChangedSince(conversationId, page.changedUpTo)).toBe(false);
    // Jordan replies before Ana's stream is listening: the stream's first check finds it.
    advanceNow(1000);
    await sendMessage(jordan, { profileId: P.jordanCasey, body: "one more thing" });
    expect(await conversationChangedSince(conversationId, page.changedUpTo)).toBe(true);
    // Jordan's page then reads the thread, and Ana's "Seen" there is part of what it shows.
    const jordans = await readThread(jordan, conversationId);
    expect(await conversationChangedSince(conversationId, jordans.changedUpTo)).toBe(false);
  });
});
