"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/action";
import { saveServiceCode } from "@/lib/billing/catalogue";
import { serviceCodeSchema } from "@/lib/billing/schemas";

/** Admin → Billing: add or change a service code and its default fee (admin only, audited in lib/billing). */
export const saveServiceCodeAction = defineAction({ schema: serviceCodeSchema, who: "admin", name: "saveServiceCode" }, async (input, { principal }) => {
  await saveServiceCode(principal, input);
  revalidatePath("/admin/billing");
});
