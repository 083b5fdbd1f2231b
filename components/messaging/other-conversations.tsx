import Link from "next/link";
import type { InboxItem } from "@/lib/messaging/messages";

/** A client's other profiles with unread messages (a partner in a couple and on their own, a guardian). */
export function OtherConversations({ items }: { items: InboxItem[] }) {
  if (items.length === 0) return null;
  return (
    <section aria-labelledby="other-h" className="rounded-md border border-slate-200 bg-white p-3">
      <h2 id="other-h" className="font-semibold">
        Unread in your other profiles
      </h2>
      <ul className="flex flex-col gap-1">
        {items.map((c) => (
          <li key={c.conversationId}>
            <Link
              href={`/portal/messages/${c.conversationId}`}
              className="inline-flex min-h-11 items-center text-brand-800 underline underline-offset-2"
            >
              {c.profileName}: {c.unread} unread
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
