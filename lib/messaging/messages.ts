import "server-only";
import { and, asc, desc, eq, gt, isNull, sql } from "drizzle-orm";
import { db, type DbOrTx } from "@/db";
import {
  clientProfiles,
  conversationReads,
  conversations,
  documents,
  messages,
  profileAccess,
  users,
  type ClientProfile,
  type Conversation,
} from "@/db/schema";
import { audit } from "@/lib/audit/write";
import { now } from "@/lib/core/clock";
import { ConflictError, ExpectedError, NotFoundError, ValidationError } from "@/lib/core/errors";
import { assertStaff, isStaff, type Principal, type StaffPrincipal } from "@/lib/core/principal";
import { isUuid } from "@/lib/core/validation";
import { findProfile, inProfileScope } from "@/lib/profiles/access";
import { listMyProfiles } from "@/lib/profiles/queries";
import { getPracticeSettings } from "@/lib/practice/settings";
import { messageSendLimits, tryConsume } from "@/lib/rate-limit/limit";
import { EDIT_WINDOW_MS } from "./schemas";
import { cursorKey, keysetPage, type PageRequest } from "@/lib/core/keyset";
import { notifyConversation } from "./live";
import { removeMessageDraft } from "./drafts";

/** Too many messages in a minute: the sender is told plainly and what they typed is kept. */
export class RateLimitedError extends ExpectedError {
  constructor() {
    super("You have sent a lot of messages in the last minute. Please wait a minute, then send this one again.", 429);
  }
}

export const MESSAGING_OFF =
  "Messaging is not available for this profile. Please call the office if you need to reach your provider.";

type Side = "client" | "staff";
const sideOf = (p: Pick<Principal, "role">): Side => (isStaff(p) ? "staff" : "client");

/** One conversation the principal may read, with its profile; NotFoundError otherwise (404, like "no such thing"). */
export async function findConversation(
  p: Pick<Principal, "userId" | "role">,
  conversationId: string,
  on: DbOrTx = db,
): Promise<{ conversation: Conversation; profile: ClientProfile }> {
  if (!isUuid(conversationId)) throw new NotFoundError();
  const [row] = await on
    .select({ conversation: conversations, profile: clientProfiles })
    .from(conversations)
    .innerJoin(clientProfiles, eq(clientProfiles.id, conversations.profileId))
    .where(inProfileScope(p, eq(conversations.id, conversationId)))
    .limit(1);
  if (!row) throw new NotFoundError();
  return row;
}

/** The conversation of a profile the principal may reach, or null when nobody has written yet. */
export async function findProfileConversation(
  p: Pick<Principal, "userId" | "role">,
  profileId: string,
  on: DbOrTx = db,
): Promise<{ conversation: Conversation | null; profile: ClientProfile }> {
  const profile = await findProfile(p, profileId, on);
  const [conversation] = await on.select().from(conversations).where(eq(conversations.profileId, profile.id)).limit(1);
  return { conversation: conversation ?? null, profile };
}

/** Whether clients may write in this profile's conversation, and if not, why (practice-wide or this profile). */
export async function clientMessagingState(
  conversation: Pick<Conversation, "clientMessagingOff"> | null,
  on: DbOrTx = db,
): Promise<{ enabled: boolean; practiceOff: boolean; profileOff: boolean }> {
  const practice = await getPracticeSettings(on);
  const practiceOff = !practice.clientMessaging;
  const profileOff = Boolean(conversation?.clientMessagingOff);
  return { enabled: !practiceOff && !profileOff, practiceOff, profileOff };
}

async function ensureConversation(tx: DbOrTx, profileId: string): Promise<Conversation> {
  await tx.insert(conversations).values({ profileId, createdAt: now() }).onConflictDoNothing();
  const [c] = await tx.select().from(conversations).where(eq(conversations.profileId, profileId)).limit(1);
  return c;
}

/**
 * Moves the reader's mark forward (clients: their own; staff: only the profile's clinician's, so an admin reading
 * for the record does not tell the client "Seen"). Returns whether anything newly became read.
 */
async function markRead(
  tx: DbOrTx,
  p: Principal,
  conversation: Conversation,
  profile: ClientProfile,
): Promise<boolean> {
  const side = sideOf(p);
  if (side === "staff" && profile.clinicianId !== p.userId) return false;
  const t = now();
  const [mark] = await tx
    .select({ at: conversationReads.lastReadAt })
    .from(conversationReads)
    .where(and(eq(conversationReads.conversationId, conversation.id), eq(conversationReads.userId, p.userId)));
  const [newer] = await tx
    .select({ id: messages.id })
    .from(messages)
    .where(
      and(
        eq(messages.conversationId, conversation.id),
        eq(messages.side, side === "staff" ? "client" : "staff"),
        mark ? gt(messages.createdAt, mark.at) : undefined,
      ),
    )
    .limit(1);
  await tx
    .insert(conversationReads)
    .values({ conversationId: conversation.id, userId: p.userId, side, lastReadAt: t })
    .onConflictDoUpdate({
      target: [conversationReads.conversationId, conversationReads.userId],
      set: { lastReadAt: t },
    });
  return Boolean(newer);
}

export type ThreadMessage = {
  id: string;
  side: Side;
  mine: boolean;
  /** "Pat Park, guardian" / "Ana Alvarez, clinician" */
  sender: string;
  body: string;
  createdAt: Date;
  editedAt: Date | null;
  deleted: boolean;
  /** The other side has read it. */
  seen: boolean;
  /** The sender may still edit or delete it (inside the 5-minute window). */
  editable: boolean;
  attachment: { id: string; fileName: string; sizeBytes: number } | null;
};

/** See `readThread`'s `changedUpTo`. */
export type ChangeMark = { messages: number; reads: number };
/** Messages on one page of a conversation: the newest ones, then "Older messages". */
export const MESSAGE_PAGE_SIZE = 50;

const RELATION_WORD = { self: "client", partner: "partner", guardian: "guardian" } as const;

/**
 * The messages of one conversation, oldest first, for a principal who may read it. Audited as a view of PHI, and
 * the reader's mark moves forward (the other side's open page is told, so "Seen" appears there too).
 */
export async function readThread(
  p: Principal,
  conversationId: string,
  opts: { purpose?: "view" | "pdf"; page?: PageRequest } = {},
): Promise<{
  conversation: Conversation;
  profile: ClientProfile;
  messages: ThreadMessage[];
  /**
   * The newest change this read saw, in milliseconds: of the messages (written, edited, removed; the database's
   * clock) and of the read marks (the app's clock), kept apart so that two clocks never compare.
   */
  changedUpTo: ChangeMark;
  /** Cursors of the pages of newer and older messages (lib/core/keyset.ts); null at either end. */
  newer: string | null;
  older: string | null;
}> {
  const { conversation, profile } = await findConversation(p, conversationId);
  const { rows, marks, changed, newer, older } = await db.transaction(async (tx) => {
    const changed = await markRead(tx, p, conversation, profile);
    const select = () =>
      tx
        .select({
          id: messages.id,
          cursorKey: cursorKey(messages.createdAt),
          m: messages,
          senderName: users.name,
          senderRole: users.role,
          relationship: profileAccess.relationship,
          fileName: documents.fileName,
          sizeBytes: documents.sizeBytes,
          attachmentGone: documents.removedAt,
        })
        .from(messages)
        .innerJoin(users, eq(users.id, messages.senderId))
        .leftJoin(
          profileAccess,
          and(eq(profileAccess.profileId, profile.id), eq(profileAccess.userId, messages.senderId)),
        )
        .leftJoin(documents, eq(documents.id, messages.attachmentId));
    // The PDF is the whole conversation; the page shows the newest MESSAGE_PAGE_SIZE, "Older messages" the rest.
    const found =
      opts.purpose === "pdf"
        ? {
            rows: await select()
              .where(eq(messages.conversationId, conversation.id))
              .orderBy(asc(messages.createdAt), asc(messages.id)),
            newer: null,
            older: null,
          }
        : await keysetPage(
            { sort: messages.createdAt, id: messages.id, idType: "uuid" },
            opts.page ?? null,
            MESSAGE_PAGE_SIZE,
            (k, order, limit) =>
              select()
                .where(and(eq(messages.conversationId, conversation.id), k))
                .orderBy(...order)
                .limit(limit),
          ).then((r) => ({ ...r, rows: r.rows.reverse() }));
    const rows = found.rows;
    const marks = await tx
      .select({ userId: conversationReads.userId, side: conversationReads.side, at: conversationReads.lastReadAt })
      .from(conversationReads)
      .where(eq(conversationReads.conversationId, conversation.id));
    await audit(
      {
        action: opts.purpose === "pdf" ? "message.pdf" : "message.thread_view",
        actor: p,
        profileId: profile.id,
        targetType: "conversation",
        targetId: conversation.id,
        detail: { count: rows.length },
      },
      tx,
    );
    return { rows, marks, changed, newer: found.newer, older: found.older };
  });
  if (changed) await notifyConversation(conversation.id);
  const clinicianRead = marks.find((m) => m.side === "staff" && m.userId === profile.clinicianId)?.at ?? null;
  const clientRead = marks
    .filter((m) => m.side === "client")
    .reduce<Date | null>((a, m) => (!a || m.at > a ? m.at : a), null);
  const t = now().getTime();
  const changedUpTo = {
    messages: Math.max(
      0,
      ...rows.flatMap(({ m }) => [m.createdAt, m.editedAt, m.deletedAt].map((d) => d?.getTime() ?? 0)),
    ),
    reads: Math.max(0, ...marks.map((m) => m.at.getTime())),
  };
  return {
    conversation,
    profile,
    changedUpTo,
    newer,
    older,
    messages: rows.map(({ m, senderName, senderRole, relationship, fileName, sizeBytes, attachmentGone }) => {
      const otherRead = m.side === "client" ? clinicianRead : clientRead;
      const role = m.side === "staff" ? (senderRole === "admin" ? "admin" : "clinician") : null;
      const word = role ?? (relationship ? RELATION_WORD[relationship] : "client");
      const deleted = Boolean(m.deletedAt);
      return {
        id: m.id,
        side: m.side,
        mine: m.senderId === p.userId,
        sender: `${senderName ?? "Someone"}, ${word}`,
        body: deleted ? "" : m.body,
        createdAt: m.createdAt,
        editedAt: m.editedAt,
        deleted,
        seen: Boolean(otherRead && otherRead >= m.createdAt),
        editable: m.senderId === p.userId && !deleted && t - m.createdAt.getTime() < EDIT_WINDOW_MS,
        attachment:
          !deleted && m.attachmentId && fileName && !attachmentGone
            ? { id: m.attachmentId, fileName, sizeBytes: Number(sizeBytes) }
            : null,
      };
    }),
  };
}

/**
 * Sends a message in a profile's conversation (starting it if needed). Clients need messaging on for the practice
 * and the profile; everyone is held to the per-minute limit. The message, its audit row and the conversation's
 * "last message" commit together; then every server's open pages are told (LISTEN/NOTIFY, lib/messaging/live.ts).
 *
 * `attach` makes the attachment (a clinician's staged upload shared with the profile, a file posted without
 * JavaScript) only once the profile, the limit and the messaging switches let the message go: a refused message
 * leaves no file shared and no "document shared" email behind.
 */
export async function sendMessage(
  p: Principal,
  input: { profileId: string; body: string; attach?: () => Promise<string | null> },
): Promise<{ conversationId: string; messageId: string }> {
  const { profile, conversation: existing } = await findProfileConversation(p, input.profileId);
  const side = sideOf(p);
  const limited = await tryConsume(messageSendLimits(p.userId));
  if (!limited.ok) throw new RateLimitedError();
  let attachmentId: string | null = null;
  if (input.attach) {
    if (side === "client" && !(await clientMessagingState(existing)).enabled)
      throw new ValidationError(MESSAGING_OFF, { body: [MESSAGING_OFF] });
    attachmentId = await input.attach();
  }
  const result = await db.transaction(async (tx) => {
    const conversation = await ensureConversation(tx, profile.id);
    if (side === "client" && !(await clientMessagingState(conversation, tx)).enabled)
      throw new ValidationError(MESSAGING_OFF, { body: [MESSAGING_OFF] });
    if (attachmentId) await checkAttachment(tx, p, profile.id, attachmentId);
    const t = now();
    const [m] = await tx
      .insert(messages)
      .values({
        conversationId: conversation.id,
        senderId: p.userId,
        side,
        body: input.body,
        attachmentId,
        createdAt: t,
      })
      .returning({ id: messages.id });
    await tx.update(conversations).set({ lastMessageAt: t }).where(eq(conversations.id, conversation.id));
    // Writing is reading: the sender has seen everything up to their own message.
    await markRead(tx, p, conversation, profile);
    // What they were typing is now sent: the draft goes with the same commit (lib/messaging/drafts.ts).
    await removeMessageDraft(p, profile.id, tx);
    await audit(
      {
        action: "message.send",
        actor: p,
        profileId: profile.id,
        targetType: "message",
        targetId: m.id,
        detail: { length: input.body.length, attachment: Boolean(attachmentId) },
      },
      tx,
    );
    return { conversationId: conversation.id, messageId: m.id };
  });
  await notifyConversation(result.conversationId);
  return result;
}

/** An attachment is a document of this profile, uploaded by the sender, not yet attached to another message. */
async function checkAttachment(tx: DbOrTx, p: Principal, profileId: string, documentId: string) {
  const refuse = () => {
    throw new ValidationError("The attached file could not be found. Attach it again.", {
      attachment: ["The attached file could not be found. Attach it again."],
    });
  };
  if (!isUuid(documentId)) refuse();
  const [doc] = await tx
    .select({ id: documents.id })
    .from(documents)
    .where(
      and(
        eq(documents.id, documentId),
        eq(documents.profileId, profileId),
        eq(documents.uploadedById, p.userId),
        isNull(documents.removedAt),
      ),
    )
    .limit(1);
  if (!doc) refuse();
  const [used] = await tx.select({ id: messages.id }).from(messages).where(eq(messages.attachmentId, documentId));
  if (used) refuse();
}

/** The sender's own message, still inside the edit window and not deleted; otherwise a plain refusal. */
async function ownEditableMessage(tx: DbOrTx, p: Principal, messageId: string) {
  if (!isUuid(messageId)) throw new NotFoundError();
  const [row] = await tx
    .select({ m: messages, profileId: conversations.profileId })
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .innerJoin(clientProfiles, eq(clientProfiles.id, conversations.profileId))
    .where(and(eq(messages.id, messageId), eq(messages.senderId, p.userId), inProfileScope(p)))
    .for("update", { of: messages })
    .limit(1);
  if (!row) throw new NotFoundError();
  if (row.m.deletedAt) throw new ConflictError("This message was already removed.");
  if (now().getTime() - row.m.createdAt.getTime() >= EDIT_WINDOW_MS)
    throw new ConflictError(
      "A message can be changed or removed only in the first 5 minutes. It is now part of the record.",
    );
  return row;
}

export async function editMessage(p: Principal, input: { messageId: string; body: string }): Promise<string> {
  const conversationId = await db.transaction(async (tx) => {
    const { m, profileId } = await ownEditableMessage(tx, p, input.messageId);
    await tx.update(messages).set({ body: input.body, editedAt: now() }).where(eq(messages.id, m.id));
    await audit(
      {
        action: "message.edit",
        actor: p,
        profileId,
        targetType: "message",
        targetId: m.id,
        detail: { length: input.body.length },
      },
      tx,
    );
    return m.conversationId;
  });
  await notifyConversation(conversationId);
  return conversationId;
}

/** Deleting keeps the row (the thread shows "message removed") and clears its text; the audit row remains. */
export async function deleteMessage(p: Principal, input: { messageId: string }): Promise<string> {
  const conversationId = await db.transaction(async (tx) => {
    const { m, profileId } = await ownEditableMessage(tx, p, input.messageId);
    await tx.update(messages).set({ body: "", deletedAt: now() }).where(eq(messages.id, m.id));
    await audit({ action: "message.delete", actor: p, profileId, targetType: "message", targetId: m.id }, tx);
    return m.conversationId;
  });
  await notifyConversation(conversationId);
  return conversationId;
}

/**
 * Unread messages for a principal: a client counts the practice's messages in every profile they reach that they
 * have not read; staff count client messages their clinician has not read (the admin: every clinician's).
 */
export async function unreadCount(p: Principal): Promise<number> {
  // A client's count is the sum over their own profiles, which the portal reads once per render anyway
  // (lib/profiles/unread.ts holds the client's rule).
  if (sideOf(p) === "client") return (await listMyProfiles(p)).reduce((n, x) => n + x.unread, 0);
  const [row] = await unreadQuery(p);
  return Number(row?.n ?? 0);
}

/** Staff: client messages their clinician (the admin: each client's clinician) has not read. */
function unreadQuery(p: Principal) {
  return db
    .select({ n: sql<number>`count(*)::int`.as("n") })
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .innerJoin(clientProfiles, eq(clientProfiles.id, conversations.profileId))
    .leftJoin(
      conversationReads,
      and(
        eq(conversationReads.conversationId, conversations.id),
        sql`${conversationReads.userId} = ${clientProfiles.clinicianId}`,
      ),
    )
    .where(
      inProfileScope(
        p,
        eq(messages.side, "client"),
        isNull(messages.deletedAt),
        sql`(${conversationReads.lastReadAt} is null or ${messages.createdAt} > ${conversationReads.lastReadAt})`,
      ),
    );
}

export type InboxItem = {
  conversationId: string;
  profileId: string;
  profileName: string;
  lastMessageAt: Date;
  unread: number;
};

/**
 * Conversations for a principal, unread first, then the newest: staff see their clients' (the admin all), a client
 * the conversations of every profile they reach. Audited: client names are PHI.
 */
export async function listConversations(p: Principal, limit = 200): Promise<InboxItem[]> {
  const side = sideOf(p);
  const reader = side === "client" ? sql`${p.userId}::uuid` : sql`${clientProfiles.clinicianId}`;
  const unread = sql<number>`(select count(*)::int from ${messages} m
      where m.conversation_id = ${conversations.id} and m.side = ${side === "client" ? "staff" : "client"}
        and m.deleted_at is null
        and m.created_at > coalesce((select r.last_read_at from ${conversationReads} r
          where r.conversation_id = ${conversations.id} and r.user_id = ${reader}), 'epoch'::timestamptz))`;
  const rows = await db
    .select({
      conversationId: conversations.id,
      profileId: clientProfiles.id,
      profileName: sql<string>`coalesce(${clientProfiles.preferredName}, ${clientProfiles.legalName})`,
      lastMessageAt: conversations.lastMessageAt,
      unread,
    })
    .from(conversations)
    .innerJoin(clientProfiles, eq(clientProfiles.id, conversations.profileId))
    .where(inProfileScope(p, sql`${conversations.lastMessageAt} is not null`))
    .orderBy(desc(sql`(${unread}) > 0`), desc(conversations.lastMessageAt))
    .limit(limit);
  await audit({ action: "message.inbox_view", actor: p, detail: { count: rows.length } });
  return rows.map((r) => ({ ...r, lastMessageAt: r.lastMessageAt!, unread: Number(r.unread) }));
}

/** Staff turn client messaging off (or on again) for one profile. */
export async function setProfileMessaging(p: StaffPrincipal, input: { profileId: string; off: boolean }) {
  assertStaff(p);
  const profile = await findProfile(p, input.profileId);
  await db.transaction(async (tx) => {
    const c = await ensureConversation(tx, profile.id);
    await tx.update(conversations).set({ clientMessagingOff: input.off }).where(eq(conversations.id, c.id));
    await audit(
      {
        action: "message.settings",
        actor: p,
        profileId: profile.id,
        targetType: "conversation",
        targetId: c.id,
        detail: { clientMessaging: input.off ? "off" : "on" },
      },
      tx,
    );
  });
}

/** The dashboard to-do source (shape of lib/dashboard/todos.ts `TodoSource`). */
export const unreadMessagesTodo = {
  key: "messages.unread",
  label: "Unread messages from clients",
  href: "/dashboard/messages",
  summary: (p: StaffPrincipal) => unreadQuery(p),
};

/**
 * Whether a conversation changed after a moment a page rendered (`changedUpTo` of its read): closes the gap between
 * a page's render and its event stream's first LISTEN, in which a change would otherwise reach that page only with
 * the next one (docs/decisions.md, Messaging: live delivery). Compared at millisecond precision, as JavaScript
 * dates hold them. For a reader already allowed to the conversation (the caller checked); it reads no content.
 */
export async function conversationChangedSince(conversationId: string, since: ChangeMark): Promise<boolean> {
  const at = new Date(since.messages).toISOString();
  const readAt = new Date(since.reads).toISOString();
  const [message] = await db
    .select({ id: messages.id })
    .from(messages)
    .where(
      and(
        eq(messages.conversationId, conversationId),
        sql`date_trunc('milliseconds', greatest(${messages.createdAt}, coalesce(${messages.editedAt}, ${messages.createdAt}), coalesce(${messages.deletedAt}, ${messages.createdAt}))) > ${at}::timestamptz`,
      ),
    )
    .limit(1);
  if (message) return true;
  const [mark] = await db
    .select({ id: conversationReads.conversationId })
    .from(conversationReads)
    .where(
      and(
        eq(conversationReads.conversationId, conversationId),
        sql`date_trunc('milliseconds', ${conversationReads.lastReadAt}) > ${readAt}::timestamptz`,
      ),
    )
    .limit(1);
  return Boolean(mark);
}
