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

/** What the file picker accepts; the server decides by the bytes, this only guides the picker. */
export const ACCEPT =
  ".pdf,.jpg,.jpeg,.png,.heic,.heif,.docx,.txt,application/pdf,image/jpeg,image/png,image/heic,image/heif,application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/plain";
