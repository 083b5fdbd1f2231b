import "server-only";
import { getPracticeSettings } from "@/lib/practice/settings";
import type { Principal } from "@/lib/core/principal";
import type { PageRequest } from "@/lib/core/keyset";
import {
  clientMessagingState,
  findProfileConversation,
  listConversations,
  readThread,
  type ChangeMark,
  type InboxItem,
  type ThreadMessage,
} from "./messages";
import { messageDraftOf } from "./drafts";

export type ConversationPage = {
  conversationId: string | null;
  profileId: string;
  profileName: string;
  messages: ThreadMessage[];
  /** The newest change the page shows, for its event stream to catch up from (lib/messaging/messages.ts). */
  changedUpTo: ChangeMark;
  /** Cursors of the pages of newer and older messages (null at either end). */
  newer: string | null;
  older: string | null;
  practice: { name: string; phone: string | null; timeZone: string };
  /** Clients: messaging on for the practice and the profile. Staff can always write. */
  canWrite: boolean;
  clientMessaging: { enabled: boolean; practiceOff: boolean; profileOff: boolean };
  /** For a client: their other conversations with unread messages. */
  otherUnread: InboxItem[];
  /** What this person typed here and has not sent yet (lib/messaging/drafts.ts), or "". */
  draft: string;
};

/** Everything a conversation page shows, through the audited, scoped data layer. By profile (404 if not reachable). */
export async function loadProfileConversation(
  p: Principal,
  profileId: string,
  page: PageRequest = null,
): Promise<ConversationPage> {
  const { conversation, profile } = await findProfileConversation(p, profileId);
  return build(p, conversation?.id ?? null, profile.id, profile.preferredName ?? profile.legalName, page);
}

/** The same, by conversation id (the portal's link to a conversation of another of the client's profiles). */
export async function loadConversation(
  p: Principal,
  conversationId: string,
  page: PageRequest = null,
): Promise<ConversationPage> {
  return build(p, conversationId, null, null, page);
}

async function build(
  p: Principal,
  conversationId: string | null,
  profileId: string | null,
  profileName: string | null,
  page: PageRequest,
): Promise<ConversationPage> {
  const thread = conversationId ? await readThread(p, conversationId, { page }) : null;
  const settings = await getPracticeSettings();
  const state = await clientMessagingState(thread?.conversation ?? null);
  const otherUnread =
    p.role === "client"
      ? (await listConversations(p)).filter((c) => c.unread > 0 && c.conversationId !== conversationId)
      : [];
  const reached = thread?.profile.id ?? profileId!;
  const canWrite = p.role !== "client" || state.enabled;
  // The profile was reached through the scoped read above (readThread or findProfileConversation).
  const draft = canWrite ? await messageDraftOf(p, reached) : "";
  return {
    conversationId,
    profileId: reached,
    profileName: thread ? (thread.profile.preferredName ?? thread.profile.legalName) : profileName!,
    messages: thread?.messages ?? [],
    changedUpTo: thread?.changedUpTo ?? { messages: 0, reads: 0 },
    newer: thread?.newer ?? null,
    older: thread?.older ?? null,
    practice: { name: settings.name, phone: settings.phone, timeZone: settings.timeZone },
    canWrite,
    clientMessaging: state,
    otherUnread,
    draft,
  };
}
