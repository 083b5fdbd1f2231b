"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { TextareaField } from "@/components/ui/form-controls";
import { Button } from "@/components/ui/button";
import { uploadFile } from "@/components/documents/xhr-upload";
import { MESSAGE_MAX, messageBody } from "@/lib/messaging/schemas";
import { ACCEPT } from "@/lib/documents/schemas";
import { useSaveOnLeave } from "@/components/ui/use-save-on-leave";
import { liveStreamOpen } from "./live-refresh";

type Reply = { ok: true } | { ok: false; error: string; fieldErrors?: Record<string, string[]> };
type DraftReply = { ok?: boolean; saved?: boolean; error?: string };

/** A draft is saved this long after typing stops (and at once when the page is hidden or left). */
const DRAFT_DELAY_MS = 800;

/**
 * Writing a message. Without JavaScript the form posts natively to /api/messages, text and file together
 * (multipart), and the page reloads with the message; a refusal comes back as a page with the message at its
 * field and the text kept (lib/messaging/native-send.ts; docs/decisions.md, Messaging). With JavaScript it posts
 * by fetch: an error shows at the field and the text typed stays; on success the field empties and the thread
 * reloads. An attachment goes through the document store's own upload first (same checks), then rides with the
 * message.
 *
 * What is typed is kept as a draft (lib/messaging/drafts.ts): saved a moment after typing stops and when the page is
 * hidden or left, shown again here on the next visit, removed by the server when the message is sent. One save at
 * a time, so an older text never lands after a newer one; none while a message is on its way.
 */
export function Compose({
  profileId,
  back,
  staff,
  label = "Your message",
  draft = "",
}: {
  profileId: string;
  back: string;
  staff: boolean;
  label?: string;
  /** The person's unsent text from before, if any. */
  draft?: string;
}) {
  const router = useRouter();
  const [text, setTextState] = useState(draft);
  const [draftNote, setDraftNote] = useState<string | null>(
    draft ? "Your unsent message from before is kept here." : null,
  );
  const textRef = useRef(draft);
  /** The text the server holds as this person's draft. */
  const saved = useRef(draft);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const inFlight = useRef<Promise<void> | null>(null);
  const sending = useRef(false);
  /** The current `saveDraft`, for its own retry. */
  const saveAgain = useRef<() => void>(() => {});

  const saveDraft = useCallback(
    async (opts: { keepalive?: boolean } = {}): Promise<void> => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
      if (inFlight.current && !opts.keepalive) await inFlight.current;
      const body = textRef.current;
      if (sending.current || body === saved.current) return;
      const run = (async () => {
        try {
          const res = await fetch("/api/messages/draft", {
            method: "POST",
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify({ profileId, body }),
            keepalive: opts.keepalive,
          });
          const reply = (await res.json().catch(() => ({}))) as DraftReply;
          if (res.ok && reply.ok) {
            saved.current = body;
            setDraftNote(reply.saved ? "Draft saved." : null);
          } else {
            setDraftNote(`Draft not saved: ${reply.error ?? "please try again."} Your text stays here.`);
          }
        } catch {
          // Offline, or the request was cut: the text stays in the field; try again shortly.
          setDraftNote("Draft not saved yet (connection problem). Your text stays here.");
          if (!opts.keepalive) timer.current = setTimeout(() => saveAgain.current(), DRAFT_DELAY_MS * 4);
        }
      })();
      inFlight.current = run;
      await run;
      if (inFlight.current === run) inFlight.current = null;
    },
    [profileId],
  );

  function setText(next: string | ((current: string) => string), opts: { save?: boolean } = { save: true }) {
    const value = typeof next === "function" ? next(textRef.current) : next;
    textRef.current = value;
    setTextState(value);
    if (opts.save && value !== saved.current) {
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void saveDraft(), DRAFT_DELAY_MS);
    }
  }

  useEffect(() => {
    saveAgain.current = () => void saveDraft();
  }, [saveDraft]);

  // Save when the page is hidden or left (tab switch, closing, navigating away).
  useSaveOnLeave(useCallback(() => void saveDraft({ keepalive: true }), [saveDraft]));
  const [error, setError] = useState<string | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [sentNote, setSentNote] = useState<string | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setError(null);
    setFileError(null);
    setFormError(null);
    setSentNote(null);
    const checked = messageBody.safeParse(text);
    if (!checked.success) {
      setError(checked.error.issues[0]?.message ?? "Write a message.");
      return;
    }
    setPending(true);
    const sent = text;
    // No draft save while the message is on its way: the send removes the draft, a late save would bring it back.
    sending.current = true;
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (inFlight.current) await inFlight.current;
    let delivered = false;
    try {
      const fd = new FormData();
      fd.set("profileId", profileId);
      fd.set("body", sent);
      fd.set("back", back);
      const file = fileRef.current?.files?.[0];
      if (file) {
        const up = await uploadFile(file, {
          profileId: staff ? profileId : undefined,
          name: file.name.slice(-100),
          onProgress: () => {},
        });
        if (!up.ok) {
          setFileError(up.fieldErrors?.name?.[0] ?? up.error);
          return;
        }
        if (up.data.kind === "document") fd.set("attachmentId", up.data.id);
        else fd.set("attachmentTicket", up.data.ticket);
      }
      const res = await fetch("/api/messages", { method: "POST", body: fd, headers: { Accept: "application/json" } });
      let reply: Reply;
      try {
        reply = (await res.json()) as Reply;
      } catch {
        reply = { ok: false, error: "Something went wrong on our side. Please try again." };
      }
      if (!reply.ok) {
        const at = reply.fieldErrors?.body?.[0];
        if (at) setError(at);
        else if (reply.fieldErrors?.attachment?.[0]) setFileError(reply.fieldErrors.attachment[0]);
        else setFormError(reply.error);
        return;
      }
      delivered = true;
      // The server removed the draft with the send. Empty the field only if it still holds what was sent: text
      // typed while the message was on its way stays, and is saved as the new draft below.
      saved.current = "";
      setDraftNote(null);
      setText((current) => (current === sent ? "" : current), { save: false });
      if (fileRef.current) fileRef.current.value = "";
      setSentNote("Message sent.");
      // With the live stream open the message comes back through it; otherwise reload the thread here.
      if (!liveStreamOpen()) router.refresh();
    } catch {
      setFormError("The message could not be sent. Check your connection and try again; your text is kept.");
    } finally {
      sending.current = false;
      setPending(false);
      // Not sent, or typed while sending: what the field holds is saved as the draft.
      if (!delivered || textRef.current !== "") void saveDraft();
    }
  }

  const over = text.length > MESSAGE_MAX;
  return (
    <form
      method="post"
      action="/api/messages"
      encType="multipart/form-data"
      onSubmit={onSubmit}
      className="flex flex-col gap-3"
      noValidate
    >
      <input type="hidden" name="profileId" value={profileId} />
      <input type="hidden" name="back" value={back} />
      <TextareaField
        label={label}
        name="body"
        rows={5}
        value={text}
        onChange={(e) => setText(e.target.value)}
        error={error ?? undefined}
        hint={
          <span className={over ? "font-semibold text-red-800" : undefined}>
            Plain text, up to 5,000 characters ({text.length} used).
          </span>
        }
      />
      <p className="-mt-2 text-sm text-slate-700" data-testid="draft-note">
        {draftNote}
      </p>
      <div className="flex flex-col gap-1">
        <label htmlFor="message-attachment" className="text-sm font-medium text-slate-800">
          Attach a file (optional)
        </label>
        <input
          ref={fileRef}
          id="message-attachment"
          type="file"
          name="attachment"
          accept={ACCEPT}
          aria-invalid={fileError ? true : undefined}
          aria-describedby={fileError ? "message-attachment-error" : undefined}
          className="text-base"
        />
        {fileError ? (
          <p id="message-attachment-error" role="alert" className="text-sm font-medium text-red-800">
            {fileError}
          </p>
        ) : null}
      </div>
      {formError ? (
        <p role="alert" className="text-sm font-medium text-red-800">
          {formError}
        </p>
      ) : null}
      <p role="status" className="text-sm text-green-800">
        {sentNote}
      </p>
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "Sending…" : "Send message"}
        </Button>
      </div>
    </form>
  );
}
