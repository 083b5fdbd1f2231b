import type { ChangeMark, ThreadMessage } from "@/lib/messaging/messages";
import { FORM_ERROR_TEXT_PUBLIC } from "@/lib/messaging/form-errors";
import { Thread } from "./thread";
import { Compose } from "./compose";
import { LiveRefresh } from "./live-refresh";
import { EmergencyNotice } from "./emergency-notice";
import { buttonClass } from "@/components/ui/button";
import Link from "next/link";

/**
 * One conversation as a page shows it, for clients and staff alike: the standing emergency notice, the messages,
 * then either the form to write or, when client messaging is off, "call the office".
 */
export function ConversationView({
  heading,
  conversationId,
  profileId,
  messages,
  changedUpTo,
  practice,
  canWrite,
  staff,
  back,
  errorCode,
  pdfHref,
  olderHref = null,
  newerHref = null,
  staleCursor = false,
  draft = "",
}: {
  heading: string;
  conversationId: string | null;
  profileId: string;
  messages: ThreadMessage[];
  changedUpTo: ChangeMark;
  practice: { name: string; phone: string | null; timeZone: string };
  canWrite: boolean;
  staff: boolean;
  back: string;
  errorCode?: string;
  pdfHref?: string | null;
  /** The conversation's pages (lib/core/keyset.ts): plain links, so they work without JavaScript. */
  olderHref?: string | null;
  newerHref?: string | null;
  staleCursor?: boolean;
  /** What this person typed here and has not sent (lib/messaging/drafts.ts). */
  draft?: string;
}) {
  const formError = errorCode ? FORM_ERROR_TEXT_PUBLIC[errorCode] : undefined;
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-bold">{heading}</h1>
        {pdfHref ? (
          // A download, not a page: a plain link, no client-side navigation.
          <a href={pdfHref} className="text-brand-800 underline underline-offset-2">
            Download as PDF
          </a>
        ) : null}
      </div>
      <EmergencyNotice practiceName={practice.name} practicePhone={practice.phone} />
      {formError ? (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-red-900">
          {formError}
        </p>
      ) : null}
      <section aria-labelledby="thread-h" className="flex flex-col gap-3">
        <h2 id="thread-h" className="sr-only">
          Conversation
        </h2>
        {staleCursor ? (
          <p role="status" className="text-sm text-slate-700">
            That page link is no longer valid, so the newest messages are shown.
          </p>
        ) : null}
        {olderHref ? (
          <Link href={olderHref} className={`self-start ${buttonClass("secondary")}`}>
            Older messages
          </Link>
        ) : null}
        <Thread messages={messages} timeZone={practice.timeZone} back={back} />
        {newerHref ? (
          <Link href={newerHref} className={`self-start ${buttonClass("secondary")}`}>
            Newer messages
          </Link>
        ) : null}
      </section>
      {conversationId ? <LiveRefresh conversationId={conversationId} since={changedUpTo} /> : null}
      <section aria-labelledby="write-h" className="flex flex-col gap-3">
        <h2 id="write-h" className="text-xl font-semibold">
          {staff ? "Write to the client" : "Write to your provider"}
        </h2>
        {canWrite ? (
          <Compose key={profileId} profileId={profileId} back={back} staff={staff} draft={draft} />
        ) : (
          <p className="rounded-md border border-slate-300 bg-slate-50 p-3" data-testid="messaging-off">
            Messaging is not available — call the office
            {practice.phone ? ` at ${practice.phone}` : ""}.
          </p>
        )}
      </section>
    </div>
  );
}
