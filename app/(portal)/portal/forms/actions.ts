"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/action";
import { submitResponseSchema } from "@/lib/forms/schemas";
import { submitResponse } from "@/lib/forms/responses";

/** Submit a form: the last answers are saved, the whole form is checked, then it locks (docs/product.md, Forms: once submitted, a response can no longer be changed). */
export const submitResponseAction = defineAction({ schema: submitResponseSchema, who: "client", name: "forms.submit" }, async ({ responseId, answers }, { principal }) => {
  const r = await submitResponse(principal, responseId, answers);
  revalidatePath("/portal/forms");
  return r;
});
