import { requirePortalContext } from "@/lib/auth/guards";
import { loadProfileConversation } from "@/lib/messaging/pages";
import { pageHref, readPageRequest } from "@/lib/core/keyset";
import { ConversationView } from "@/components/messaging/conversation-view";
import { OtherConversations } from "@/components/messaging/other-conversations";

export const dynamic = "force-dynamic";
export const metadata = { title: "Messages" };

/** The active profile's conversation with the practice (docs/decisions.md, Messaging). */
export default async function PortalMessages({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { principal, profile } = await requirePortalContext();
  const sp = await searchParams;
  const error = typeof sp.error === "string" ? sp.error : undefined;
  const at = readPageRequest(sp);
  const page = await loadProfileConversation(principal, profile.id, at.page);
  return (
    <div className="flex flex-col gap-6">
      <OtherConversations items={page.otherUnread} />
      <ConversationView
        heading="Messages"
        conversationId={page.conversationId}
        profileId={page.profileId}
        messages={page.messages}
        changedUpTo={page.changedUpTo}
        practice={page.practice}
        canWrite={page.canWrite}
        staff={false}
        back="/portal/messages"
        errorCode={error}
        olderHref={pageHref("/portal/messages", "after", page.older)}
        newerHref={pageHref("/portal/messages", "before", page.newer)}
        staleCursor={at.invalid}
        draft={page.draft}
        pdfHref={page.conversationId ? `/api/messages/${page.conversationId}/pdf` : null}
      />
    </div>
  );
}
