"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/auth/action";
import { removeUpload, shareDocuments, withdrawDocument } from "@/lib/documents";
import { removeUploadSchema, shareSchema, withdrawSchema } from "@/lib/documents/schemas";

export const shareDocumentsAction = defineAction(
  { schema: shareSchema, who: "staff", name: "documents.share" },
  async (input, { principal }) => {
    const ids = await shareDocuments(principal, {
      profileId: input.profileId,
      tickets: input.tickets,
      note: input.note,
    });
    revalidatePath(`/dashboard/clients/${input.profileId}/documents`);
    return { count: ids.length };
  },
);

export const withdrawDocumentAction = defineAction(
  { schema: withdrawSchema, who: "staff", name: "documents.withdraw" },
  async (input, { principal }) => {
    await withdrawDocument(principal, input.documentId);
    return null;
  },
);

/** The client removes their own upload, until staff have opened it (docs/decisions.md, Files). */
export const removeUploadAction = defineAction(
  { schema: removeUploadSchema, who: "client", name: "documents.remove" },
  async (input, { principal }) => {
    const { fileName } = await removeUpload(principal, input.documentId);
    revalidatePath("/portal/documents");
    return { fileName };
  },
);
