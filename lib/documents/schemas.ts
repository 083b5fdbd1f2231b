import { z } from "zod";

/** Share form (clinician): the tickets of the files just uploaded, and an optional note. */
export const shareSchema = z.object({
  profileId: z.uuid(),
  note: z.string().trim().max(1000, "Keep the note under 1,000 characters.").optional().default(""),
  tickets: z.array(z.string().min(10).max(4000)).min(1, "Choose at least one file to share.").max(20, "Share up to 20 files at a time."),
});
export const withdrawSchema = z.object({ documentId: z.uuid() });

/** What the file picker accepts; the server decides by the bytes, this only guides the picker. */
export const ACCEPT =
  ".pdf,.jpg,.jpeg,.png,.heic,.heif,.docx,.txt,application/pdf,image/jpeg,image/png,image/heic,image/heif,application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/plain";
