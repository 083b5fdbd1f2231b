import Link from "next/link";
import { requirePagePrincipal } from "@/lib/auth/guards";
import { listConversations } from "@/lib/messaging/messages";
import { getPracticeSettings } from "@/lib/practice/settings";
import { formatDateTime } from "@/lib/core/time";

export const dynamic = "force-dynamic";
export const metadata = { title: "Messages" };

/** The staff inbox: conversations of the clinician's clients (the admin: all), unread first. */
export default async function StaffInbox() {
  const principal = await requirePagePrincipal("staff");
  const [items, practice] = await Promise.all([listConversations(principal), getPracticeSettings()]);
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">Messages</h1>
      <p className="text-slate-700">
        To start a conversation, open the client and choose Messages.{" "}
        <Link href="/dashboard/clients" className="text-brand-800 underline underline-offset-2">
          Go to clients
        </Link>
      </p>
      {items.length === 0 ? (
        <p className="text-slate-700">No conversations yet.</p>
      ) : (
        <ul
          className="flex flex-col divide-y divide-slate-200 rounded-md border border-slate-200 bg-white"
          data-testid="inbox"
        >
          {items.map((c) => (
            <li key={c.conversationId} className="flex flex-wrap items-center justify-between gap-2 p-3">
              <Link
                href={`/dashboard/clients/${c.profileId}/messages`}
                className={`inline-flex min-h-11 items-center underline-offset-2 hover:underline ${c.unread ? "font-bold text-brand-900" : "text-brand-800"}`}
              >
                {c.profileName}
              </Link>
              <span className="text-sm text-slate-700">
                {c.unread ? <strong className="text-slate-900">{c.unread} unread · </strong> : null}
                Last message {formatDateTime(c.lastMessageAt, practice.timeZone)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
