import "server-only";
import { db } from "@/db";
import type { StaffPrincipal } from "@/lib/core/principal";
import { audit } from "@/lib/audit/write";
import { lockInvoice } from "@/lib/billing/invoices";
import { recordPayment } from "./internal/ledger";

/** Staff record cash, cheque or an outside card terminal payment. */
export async function recordManualPayment(
  p: StaffPrincipal,
  input: {
    invoiceId: string;
    amount: number;
    method: "cash" | "cheque" | "outside_card";
    receivedOn: string;
    reference: string;
  },
): Promise<void> {
  await db.transaction(async (tx) => {
    const inv = await lockInvoice(p, tx, input.invoiceId);
    const { payment } = await recordPayment(tx, {
      invoiceId: inv.id,
      amountCents: input.amount,
      method: input.method,
      receivedOn: input.receivedOn,
      reference: input.reference,
      recordedById: p.userId,
    });
    await audit(
      {
        action: "billing.payment_recorded",
        actor: p,
        profileId: inv.profileId,
        targetType: "payment",
        targetId: payment.id,
        detail: { invoiceId: inv.id, method: input.method },
      },
      tx,
    );
  });
}
