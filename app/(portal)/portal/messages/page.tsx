import { requirePortalContext } from "@/lib/auth/guards";
import { loadProfileConversation } from "@/lib/messaging/pages";
import { ConversationView } from "@/components/messaging/conversation-view";
import { OtherConversations } from "@/components/messaging/other-conversations";

export const dynamic = "force-dynamic";
export const metadata = { title: "Messages" };

/** The active profile's conversation with the practice (docs/decisions.md, Messaging). */
export default async function PortalMessages({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  const { principal, profile } = await requirePortalContext();
  const { error } = await searchParams;
  const page = await loadProfileConversation(principal, profile.id);
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
        pdfHref={page.conversationId ? `/api/messages/${page.conversationId}/pdf` : null}
      />
    </div>
  );
}
