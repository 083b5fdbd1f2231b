import Link from "next/link";
import { notFound } from "next/navigation";
import { isMailboxOpenTo, listMailbox } from "@/lib/email/mailbox";
import { requestMeta } from "@/lib/core/http";
import { formatDateTime } from "@/lib/core/time";
import { getPracticeSettings } from "@/lib/practice/settings";

export const dynamic = "force-dynamic";
export const metadata = { title: "Dev mailbox" };

export default async function MailboxPage() {
  const meta = await requestMeta();
  if (!isMailboxOpenTo(meta)) notFound();
  const messages = await listMailbox(meta);
  const { timeZone } = await getPracticeSettings();
  return (
    <main id="main" className="mx-auto max-w-3xl px-4 py-6">
      <h1 className="text-2xl font-bold">Dev mailbox</h1>
      <p className="mt-1 text-sm text-slate-700">
        No email provider is configured, so messages stay here. Set RESEND_API_KEY to send real email; this page then
        disappears.
      </p>
      {messages.length === 0 ? (
        <p className="mt-6">No messages yet.</p>
      ) : (
        <ul
          className="mt-6 divide-y divide-slate-200 rounded-md border border-slate-200 bg-white"
          aria-label="Messages, newest first"
        >
          {messages.map((m) => (
            <li key={m.id}>
              <Link href={`/dev/mailbox/${m.id}`} className="flex flex-col gap-0.5 px-4 py-3 hover:bg-slate-50">
                <span className="font-medium text-slate-900">{m.subject}</span>
                <span className="text-sm text-slate-700">
                  To <span data-testid="mail-to">{m.to}</span> ·{" "}
                  <time dateTime={m.createdAt.toISOString()}>{formatDateTime(m.createdAt, timeZone)}</time>
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
