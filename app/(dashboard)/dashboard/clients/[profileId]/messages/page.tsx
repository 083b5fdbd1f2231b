import { requirePagePrincipal } from "@/lib/auth/guards";
import { loadProfileConversation } from "@/lib/messaging/pages";
import { pageHref, readPageRequest } from "@/lib/core/keyset";
import { ConversationView } from "@/components/messaging/conversation-view";

export const dynamic = "force-dynamic";
export const metadata = { title: "Messages" };

/** A client's conversation for staff: read, reply, start one, or turn client messaging off for this profile. */
export default async function StaffConversation({
  params,
  searchParams,
}: {
  params: Promise<{ profileId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const principal = await requirePagePrincipal("staff");
  const { profileId } = await params;
  const sp = await searchParams;
  const error = typeof sp.error === "string" ? sp.error : undefined;
  const at = readPageRequest(sp);
  // The layout already answered 404 for a profile outside the principal's scope.
  const page = await loadProfileConversation(principal, profileId, at.page);
  const back = `/dashboard/clients/${profileId}/messages`;
  const state = page.clientMessaging;
  return (
    <div className="flex flex-col gap-6">
      <ConversationView
        heading={`Messages: ${page.profileName}`}
        conversationId={page.conversationId}
        profileId={page.profileId}
        messages={page.messages}
        changedUpTo={page.changedUpTo}
        practice={page.practice}
        canWrite={page.canWrite}
        staff
        back={back}
        errorCode={error}
        olderHref={pageHref(back, "after", page.older)}
        newerHref={pageHref(back, "before", page.newer)}
        staleCursor={at.invalid}
        draft={page.draft}
        pdfHref={page.conversationId ? `/api/messages/${page.conversationId}/pdf` : null}
      />
      <section aria-labelledby="client-messaging-h" className="flex flex-col gap-2">
        <h2 id="client-messaging-h" className="text-xl font-semibold">
          Client messaging
        </h2>
        {state.practiceOff ? (
          <p>Client messaging is off for the whole practice (Admin, Settings).</p>
        ) : (
          <form method="post" action="/api/messages/settings" className="flex flex-wrap items-center gap-3">
            <input type="hidden" name="profileId" value={page.profileId} />
            <input type="hidden" name="back" value={back} />
            <input type="hidden" name="clientMessaging" value={state.profileOff ? "on" : "off"} />
            <p>
              {state.profileOff
                ? "This client cannot write messages; they are asked to call the office."
                : "This client can write messages."}
            </p>
            <button type="submit" className="min-h-11 rounded-md border border-slate-300 bg-white px-4 font-semibold">
              {state.profileOff ? "Turn client messaging on" : "Turn client messaging off"}
            </button>
          </form>
        )}
      </section>
    </div>
  );
}
