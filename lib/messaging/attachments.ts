import "server-only";
import { shareDocuments } from "@/lib/documents";
import { isStaff, type Principal } from "@/lib/core/principal";
import { ValidationError } from "@/lib/core/errors";

/**
 * The document a message carries (docs/decisions.md, Messaging: attachments). Files go through the document store's
 * own upload (size, type and markup checks, encryption, hash): a client's upload is already a document of their
 * profile; a clinician's is a staged ticket, shared with the profile here, so it is listed in the profile's
 * documents like any share. sendMessage then checks the document is this sender's, of this profile, unused.
 */
export async function attachmentFor(
  p: Principal,
  profileId: string,
  form: { attachmentId?: string; attachmentTicket?: string },
): Promise<string | null> {
  const id = form.attachmentId?.trim();
  const ticket = form.attachmentTicket?.trim();
  if (ticket) {
    if (!isStaff(p)) throw new ValidationError("Attach the file again.", { attachment: ["Attach the file again."] });
    const [docId] = await shareDocuments(p, { profileId, tickets: [ticket], note: null });
    return docId ?? null;
  }
  return id || null;
}
