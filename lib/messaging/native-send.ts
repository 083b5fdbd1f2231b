import "server-only";
import { isStaff, type Principal } from "@/lib/core/principal";
import { escapeHtml as esc } from "@/lib/core/escape";
import { GENERIC_ERROR, isExpectedError, ValidationError } from "@/lib/core/errors";
import { log } from "@/lib/core/log";
import { NO_STORE_HEADERS } from "@/lib/auth/route";
import { receiveUpload } from "@/lib/documents";
import { ACCEPT } from "@/lib/documents/schemas";
import { tooLargeMessage } from "@/lib/documents/limits";
import { getPracticeSettings } from "@/lib/practice/settings";
import { attachmentFor } from "./attachments";
import { findProfileConversation, sendMessage } from "./messages";
import { sendMessageSchema } from "./schemas";
import { parseOrThrow, safeBack, threadHref } from "./http";

/**
 * Sending a message without JavaScript (docs/decisions.md, Messaging: without JavaScript). The compose form is a
 * `multipart/form-data` post to /api/messages; a browser without scripts sends the text and the chosen file
 * together. The file goes through the document store's own upload (receiveUpload: size limit, type and markup
 * checks, encryption, hash) exactly as the scripted path's upload does, then rides with the message. Success is a
 * 303 back to the thread; a refusal is a small page with its real status, the message at its field and the text
 * kept (a file input cannot be filled again by the server, so the person chooses the file again).
 */

/** Room for the text fields beside the file: 5,000 characters of up to 4 bytes each, names, boundaries. */
const FIELDS_ALLOWANCE = 256 * 1024;

type Refusal = { status: number; error: string; fieldErrors: Record<string, string[]> };
type Post = { fields: Record<string, string>; file: File | null };

/**
 * The post's fields and its file (a browser sends an empty part with no name when none was chosen). The body is
 * read whole, so it is refused unread past the practice's upload limit plus room for the text.
 */
async function readPost(req: Request, limitMb: number): Promise<Post | Refusal> {
  const length = Number(req.headers.get("content-length") ?? NaN);
  if (!Number.isFinite(length) || length > limitMb * 1024 * 1024 + FIELDS_ALLOWANCE) {
    const message = `${tooLargeMessage(limitMb)} Nothing was sent.`;
    return { status: 413, error: message, fieldErrors: { attachment: [message] } };
  }
  let fd: FormData;
  try {
    fd = await req.formData();
  } catch {
    return { status: 400, error: "The form could not be read. Please try again.", fieldErrors: {} };
  }
  const fields: Record<string, string> = {};
  let file: File | null = null;
  for (const [k, v] of fd.entries()) {
    if (typeof v === "string") fields[k] = v;
    else if (k === "attachment" && (v.size > 0 || v.name)) file = v;
  }
  return { fields, file };
}

/**
 * The chosen file through the document store, as the scripted path's XHR upload does: a client's upload becomes a
 * document of their active profile (named after the file), a clinician's a staged ticket shared with the profile.
 * Any refusal (too large, a type not accepted, markup, a bad name) is shown at the attachment field.
 */
async function uploadAttachment(p: Principal, profileId: string, file: File): Promise<string | null> {
  try {
    const up = await receiveUpload(p, {
      body: file.stream(),
      fileName: file.name.slice(-100),
      profileId: isStaff(p) ? profileId : undefined,
    });
    return attachmentFor(
      p,
      profileId,
      up.kind === "document" ? { attachmentId: up.id } : { attachmentTicket: up.ticket },
    );
  } catch (e) {
    if (!isExpectedError(e)) throw e;
    const message = e instanceof ValidationError ? (Object.values(e.fieldErrors)[0]?.[0] ?? e.message) : e.message;
    throw new AttachmentRefused(message, e.status);
  }
}

class AttachmentRefused extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** POST /api/messages from a browser without JavaScript: 303 to the thread, or the form again with the reason. */
export async function sendNativePost(req: Request, principal: Principal): Promise<Response> {
  const { uploadLimitMb } = await getPracticeSettings();
  const post = await readPost(req, uploadLimitMb);
  const fallback = principal.role === "client" ? "/portal/messages" : "/dashboard/messages";
  if ("status" in post) return refusalPage({ profileId: "", back: fallback, body: "" }, post);
  const { fields, file } = post;
  const back = safeBack(fields.back, fallback);
  const kept = { profileId: fields.profileId ?? "", back, body: fields.body ?? "", hadFile: Boolean(file) };
  try {
    const input = parseOrThrow(sendMessageSchema, fields);
    // The file is stored and shared only once the message may go (sendMessage's `attach`).
    const sent = await sendMessage(principal, {
      ...input,
      attach: file ? () => uploadAttachment(principal, input.profileId, file) : undefined,
    });
    const { profile } = await findProfileConversation(principal, input.profileId);
    return new Response(null, {
      status: 303,
      headers: { ...NO_STORE_HEADERS, Location: threadHref(principal, { ...sent, profileId: profile.id }) },
    });
  } catch (e) {
    if (e instanceof AttachmentRefused)
      return refusalPage(kept, { status: e.status, error: e.message, fieldErrors: { attachment: [e.message] } });
    if (!isExpectedError(e)) {
      log.error("message form failed", e);
      return refusalPage(kept, { status: 500, error: GENERIC_ERROR, fieldErrors: {} });
    }
    if (e.status === 404) return new Response("Not found.", { status: 404, headers: NO_STORE_HEADERS });
    const fieldErrors = e instanceof ValidationError ? e.fieldErrors : {};
    // Anything not about one field (too many messages in a minute) is said at the text, which is what is kept.
    return refusalPage(kept, {
      status: e.status,
      error: e.message,
      fieldErrors: Object.keys(fieldErrors).length ? fieldErrors : { body: [e.message] },
    });
  }
}

/**
 * The refused post's answer: a self-contained page (it carries the real 4xx status, which a React page cannot) with
 * the form again, the text as typed, each message at its field, and the way back to the conversation.
 */
function refusalPage(kept: { profileId: string; back: string; body: string; hadFile?: boolean }, r: Refusal): Response {
  const err = (name: string) => r.fieldErrors[name]?.[0];
  const bodyErr = err("body");
  const fileErr =
    err("attachment") ?? (kept.hadFile && !r.fieldErrors.attachment ? "Choose the file again to send it." : undefined);
  // With no form to show (the post was refused unread) the reason is said on its own.
  const top =
    !kept.profileId || Object.keys(r.fieldErrors).length === 0
      ? `<p class="alert" role="alert">${esc(r.error)}</p>`
      : "";
  const described = (id: string, e: string | undefined) =>
    e ? ` aria-invalid="true" aria-describedby="${id}-error"` : "";
  const errorLine = (id: string, e: string | undefined) =>
    e ? `<p id="${id}-error" class="err" role="alert">${esc(e)}</p>` : "";
  const form = kept.profileId
    ? `<form method="post" action="/api/messages" enctype="multipart/form-data">
<input type="hidden" name="profileId" value="${esc(kept.profileId)}"><input type="hidden" name="back" value="${esc(kept.back)}">
<div class="field"><label for="message-body">Your message</label><textarea id="message-body" name="body" rows="6"${described("message-body", bodyErr)}>${esc(kept.body)}</textarea>${errorLine("message-body", bodyErr)}<p class="hint">Plain text, up to 5,000 characters.</p></div>
<div class="field"><label for="message-attachment">Attach a file (optional)</label><input id="message-attachment" type="file" name="attachment" accept="${esc(ACCEPT)}"${described("message-attachment", fileErr)}>${errorLine("message-attachment", fileErr)}</div>
<button type="submit">Send message</button></form>`
    : "";
  const html = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex,nofollow"><title>Message not sent · Messages</title><style>
body{font-family:system-ui,sans-serif;margin:0;color:#0f172a;background:#f8fafc}main{max-width:40rem;margin:0 auto;padding:2rem 1rem}
h1{font-size:1.5rem}.alert{border:1px solid #b91c1c;background:#fef2f2;color:#7f1d1d;padding:.75rem 1rem;border-radius:.375rem}
.notice{border:1px solid #f59e0b;background:#fffbeb;padding:.75rem 1rem;border-radius:.375rem}
.field{display:flex;flex-direction:column;gap:.25rem;margin:1rem 0}label{font-weight:600;font-size:.9rem}
textarea{font:inherit;font-size:1rem;padding:.5rem .75rem;border:1px solid #64748b;border-radius:.375rem;box-sizing:border-box;width:100%}
input[type=file]{font-size:1rem}.hint{margin:0;font-size:.9rem;color:#334155}
.err{color:#991b1b;margin:0;font-size:.9rem;font-weight:600}button{min-height:2.75rem;padding:.5rem 1rem;font-size:1rem;font-weight:600;color:#fff;background:#0f766e;border:0;border-radius:.375rem}
a{color:#115e59}</style></head><body><main id="main"><h1>Your message was not sent</h1>
<p class="notice">Messages are not for emergencies. If you are in crisis, call or text <a href="tel:988">988</a> or call <a href="tel:911">911</a>.</p>
${top}${form}<p><a href="${esc(kept.back)}">Back to the conversation</a></p></main></body></html>`;
  return new Response(html, {
    status: r.status,
    headers: { ...NO_STORE_HEADERS, "Content-Type": "text/html; charset=utf-8" },
  });
}
