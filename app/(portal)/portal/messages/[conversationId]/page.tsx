import { notFound } from "next/navigation";
import { requirePagePrincipal } from "@/lib/auth/guards";
import { isExpectedError } from "@/lib/core/errors";
import { loadConversation } from "@/lib/messaging/pages";
import { pageHref, readPageRequest } from "@/lib/core/keyset";
import { ConversationView } from "@/components/messaging/conversation-view";
import { OtherConversations } from "@/components/messaging/other-conversations";

export const dynamic = "force-dynamic";
export const metadata = { title: "Messages" };

/** One conversation of any profile the client reaches; any other id is 404 (docs/decisions.md, Messaging). */
export default async function PortalConversation({
  params,
  searchParams,
}: {
  params: Promise<{ conversationId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const principal = await requirePagePrincipal("client");
  const { conversationId } = await params;
  const sp = await searchParams;
  const error = typeof sp.error === "string" ? sp.error : undefined;
  const at = readPageRequest(sp);
  let page;
  try {
    page = await loadConversation(principal, conversationId, at.page);
  } catch (e) {
    if (isExpectedError(e)) notFound();
    throw e;
  }
  return (
    <div className="flex flex-col gap-6">
      <OtherConversations items={page.otherUnread} />
      <ConversationView
        heading={`Messages: ${page.profileName}`}
        conversationId={page.conversationId}
        profileId={page.profileId}
        messages={page.messages}
        changedUpTo={page.changedUpTo}
        practice={page.practice}
        canWrite={page.canWrite}
        staff={false}
        back={`/portal/messages/${conversationId}`}
        errorCode={error}
        olderHref={pageHref(`/portal/messages/${conversationId}`, "after", page.older)}
        newerHref={pageHref(`/portal/messages/${conversationId}`, "before", page.newer)}
        staleCursor={at.invalid}
        draft={page.draft}
        pdfHref={`/api/messages/${conversationId}/pdf`}
      />
    </div>
  );
}
