import { z } from "zod";
import { textOrBlank, uuidField } from "@/lib/core/validation";

/** Share form (clinician): the tickets of the files just uploaded, and an optional note. */
export const shareSchema = z.object({
  profileId: uuidField(),
  note: textOrBlank(1000, "The note", { multiline: true }),
  tickets: z
    .array(
      z
        .string({ error: "Choose at least one file to share." })
        .min(10, "This upload is not recognized; upload the file again.")
        .max(4000, "This upload is not recognized; upload the file again."),
      { error: "Choose at least one file to share." },
    )
    .min(1, "Choose at least one file to share.")
    .max(20, "Share up to 20 files at a time."),
});
export const withdrawSchema = z.object({ documentId: uuidField() });
/** A client removes their own upload (docs/decisions.md, Files: only the uploader, only until staff opened it). */
export const removeUploadSchema = z.object({ documentId: uuidField() });

/** The longest name a person may give an upload; the stored name may add the extension of the verified type. */
export const UPLOAD_NAME_MAX = 100;

/**
 * The name a person gives an upload (defaults to the file's own name). Display text and the download's file
 * name, never a path: path separators and characters that file systems refuse are turned away with a message
 * rather than silently changed, so what the person sees is what is stored.
 */
export const uploadNameSchema = z
  .string({ error: "Give the file a name." })
  .trim()
  .min(1, "Give the file a name.")
  .max(UPLOAD_NAME_MAX, `Keep the name to ${UPLOAD_NAME_MAX} characters or fewer.`)
  .refine((s) => !/[\\/]/.test(s), "A name cannot contain / or \\.")
  .refine((s) => !/[<>:"|?*]/.test(s), 'A name cannot contain any of < > : " | ? *.')
  // Control and bidirectional-override characters can make a name read differently from what it is.
  .refine(
    (s) => !/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/.test(s),
    "A name cannot contain control characters.",
  )
  .refine((s) => !/^\./.test(s), "A name cannot start with a dot.");

/** What the file picker accepts; the server decides by the bytes, this only guides the picker. */
export const ACCEPT =
  ".pdf,.jpg,.jpeg,.png,.heic,.heif,.docx,.txt,application/pdf,image/jpeg,image/png,image/heic,image/heif,application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/plain";
