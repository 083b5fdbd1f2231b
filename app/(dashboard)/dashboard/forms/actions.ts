"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/action";
import { templateSchema } from "@/lib/forms/schemas";
import { saveTemplate } from "@/lib/forms/templates";

/** Builder "Save": a new version of the template (never changes forms already sent). */
export const saveTemplateAction = defineAction({ schema: templateSchema, who: "staff", name: "forms.saveTemplate" }, async (input, { principal }) => {
  const r = await saveTemplate(principal, input);
  revalidatePath("/dashboard/forms");
  return r;
});
