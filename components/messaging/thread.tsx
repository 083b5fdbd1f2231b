import { formatDateTime } from "@/lib/core/time";
import type { ThreadMessage } from "@/lib/messaging/messages";
import { MESSAGE_MAX } from "@/lib/messaging/schemas";
import { formatBytes } from "@/components/documents/xhr-upload";
import { DocumentDownloadLink } from "@/components/documents/document-list";

/**
 * A conversation's messages, oldest first. Text is rendered as React text (never HTML): markup and links a person
 * typed are shown as typed, line breaks kept. Each shows the sender with their relationship, the time in the
 * practice's zone, "Edited", and "Seen" on one's own once the other side has read it. Inside the 5-minute window
 * the sender gets Edit and Remove, as plain forms that post and reload (they work without JavaScript).
 */
export function Thread({ messages, timeZone, back }: { messages: ThreadMessage[]; timeZone: string; back: string }) {
  if (messages.length === 0) return <p className="text-slate-700">No messages yet.</p>;
  return (
    <ol aria-label="Messages" className="flex flex-col gap-3" data-testid="message-list">
      {messages.map((m) => (
        <li
          key={m.id}
          data-testid="message"
          className={`flex max-w-full flex-col gap-1 rounded-md border p-3 sm:max-w-[85%] ${
            m.mine ? "self-end border-brand-200 bg-brand-50" : "self-start border-slate-200 bg-white"
          }`}
        >
          <p className="text-sm text-slate-700">
            <span className="font-semibold text-slate-900">{m.mine ? `You (${m.sender})` : m.sender}</span> ·{" "}
            <time dateTime={m.createdAt.toISOString()}>{formatDateTime(m.createdAt, timeZone)}</time>
            {m.editedAt && !m.deleted ? " · Edited" : null}
          </p>
          {m.deleted ? (
            <p className="text-slate-700 italic">message removed</p>
          ) : (
            <p className="break-words whitespace-pre-wrap text-slate-900" data-testid="message-body">
              {m.body}
            </p>
          )}
          {m.attachment ? (
            <p className="flex flex-wrap items-center gap-2 text-sm">
              <span className="break-all">
                Attachment: {m.attachment.fileName} ({formatBytes(m.attachment.sizeBytes)})
              </span>
              <DocumentDownloadLink id={m.attachment.id} fileName={m.attachment.fileName} />
            </p>
          ) : null}
          {m.mine && m.seen && !m.deleted ? <p className="text-sm font-medium text-slate-700">Seen</p> : null}
          {m.editable ? (
            <div className="flex flex-wrap items-start gap-3 text-sm">
              <details>
                <summary className="min-h-11 cursor-pointer py-2 font-medium text-brand-800 underline">
                  Edit<span className="sr-only"> this message</span>
                </summary>
                <form method="post" action="/api/messages/edit" className="mt-2 flex flex-col gap-2">
                  <input type="hidden" name="messageId" value={m.id} />
                  <input type="hidden" name="back" value={back} />
                  <label htmlFor={`edit-${m.id}`} className="font-medium">
                    Edited message
                  </label>
                  <textarea
                    id={`edit-${m.id}`}
                    name="body"
                    rows={3}
                    defaultValue={m.body}
                    maxLength={MESSAGE_MAX}
                    className="w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base"
                  />
                  <button
                    type="submit"
                    className="min-h-11 self-start rounded-md bg-brand-700 px-4 font-semibold text-white"
                  >
                    Save changes
                  </button>
                </form>
              </details>
              <form method="post" action="/api/messages/delete">
                <input type="hidden" name="messageId" value={m.id} />
                <input type="hidden" name="back" value={back} />
                <button type="submit" className="min-h-11 py-2 font-medium text-red-800 underline">
                  Remove<span className="sr-only"> this message</span>
                </button>
              </form>
            </div>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
