"use client";

import { useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { TextareaField } from "@/components/ui/form-controls";
import { Button } from "@/components/ui/button";
import { uploadFile } from "@/components/documents/xhr-upload";
import { MESSAGE_MAX, messageBody } from "@/lib/messaging/schemas";
import { ACCEPT } from "@/lib/documents/schemas";
import { liveStreamOpen } from "./live-refresh";

type Reply = { ok: true } | { ok: false; error: string; fieldErrors?: Record<string, string[]> };

/**
 * Writing a message. Without JavaScript the form posts natively to /api/messages, text and file together
 * (multipart), and the page reloads with the message; a refusal comes back as a page with the message at its
 * field and the text kept (lib/messaging/native-send.ts; docs/decisions.md, Messaging). With JavaScript it posts
 * by fetch: an error shows at the field and the text typed stays; on success the field empties and the thread
 * reloads. An attachment goes through the document store's own upload first (same checks), then rides with the
 * message.
 */
export function Compose({
  profileId,
  back,
  staff,
  label = "Your message",
}: {
  profileId: string;
  back: string;
  staff: boolean;
  label?: string;
}) {
  const router = useRouter();
  const [text, setText] = useState("");
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
      // Empty the field only if it still holds what was sent: text typed while the message was on its way stays.
      setText((current) => (current === sent ? "" : current));
      if (fileRef.current) fileRef.current.value = "";
      setSentNote("Message sent.");
      // With the live stream open the message comes back through it; otherwise reload the thread here.
      if (!liveStreamOpen()) router.refresh();
    } catch {
      setFormError("The message could not be sent. Check your connection and try again; your text is kept.");
    } finally {
      setPending(false);
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
