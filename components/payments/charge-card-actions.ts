"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/action";
import { chargeCardOnFile } from "@/lib/payments/pay";
import { staffChargeSchema } from "@/lib/payments/schemas";

/** Staff charge the client's default card on file for an invoice (docs/product.md, Payments; docs/decisions.md, Card on file and payments: Whose card). */
export const chargeCardOnFileAction = defineAction({ schema: staffChargeSchema, who: "staff", name: "payments.chargeCardOnFile" }, async (input, { principal }) => {
  const r = await chargeCardOnFile(principal, { invoiceId: input.invoiceId, amountCents: input.amount });
  revalidatePath("/dashboard", "layout");
  return r;
});
