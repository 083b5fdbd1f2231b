"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/auth/action";
import { practiceSettingsSchema } from "@/lib/practice/schemas";
import { updatePracticeSettings } from "@/lib/practice/settings";

/** Practice settings: admin only (defineAction who: "admin"; lib/practice/settings.ts checks again). */
export const saveSettingsAction = defineAction(
  { schema: practiceSettingsSchema, who: "admin", name: "saveSettings", freshSecondFactor: true },
  async (data, { principal }) => {
    const { changed } = await updatePracticeSettings(principal, data);
    revalidatePath("/", "layout");
    return { changed };
  },
);
