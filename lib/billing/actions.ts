"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { defineAction } from "@/lib/auth/action";
import { uuidField } from "@/lib/core/validation";
import { deleteService, recordService, updateClientBillingDetails } from "@/lib/billing/services";
import { addManualLine, createInvoice, removeLine, sendInvoice, voidInvoice } from "@/lib/billing/invoices";
import { recordManualPayment } from "@/lib/payments/manual";
import { createStatement, sendStatement } from "@/lib/billing/statements";
import { createSuperbill, sendSuperbill } from "@/lib/billing/superbills";
import {
  clientBillingSchema,
  createInvoiceSchema,
  documentIdSchema,
  invoiceIdSchema,
  manualLineSchema,
  paymentSchema,
  serviceCodeSchema,
  serviceIdSchema,
  serviceSchema,
  statementSchema,
  superbillSchema,
} from "@/lib/billing/schemas";
import { saveServiceCode } from "@/lib/billing/catalogue";

/**
 * The client's billing page and invoice page. Staff only (defineAction); every lib/billing function checks the
 * profile is within the actor's scope, so a clinician acts only on their own clients.
 */
const refresh = () => revalidatePath("/dashboard/clients", "layout");
const billingPath = (profileId: string) => `/dashboard/clients/${profileId}/billing`;

export const updateClientBillingAction = defineAction(
  { schema: clientBillingSchema, who: "staff", name: "updateClientBilling" },
  async (input, { principal }) => {
    await updateClientBillingDetails(principal, input);
    refresh();
  },
);

export const recordServiceAction = defineAction(
  { schema: serviceSchema, who: "staff", name: "recordService" },
  async (input, { principal }) => {
    await recordService(principal, input);
    refresh();
  },
);

export const deleteServiceAction = defineAction(
  { schema: serviceIdSchema, who: "staff", name: "deleteService" },
  async ({ serviceId }, { principal }) => {
    await deleteService(principal, serviceId);
    refresh();
  },
);

export const createInvoiceAction = defineAction(
  { schema: createInvoiceSchema, who: "staff", name: "createInvoice" },
  async (input, { principal }) => {
    const inv = await createInvoice(principal, input);
    refresh();
    redirect(`${billingPath(inv.profileId)}/invoices/${inv.id}`);
  },
);

export const addLineAction = defineAction(
  { schema: manualLineSchema, who: "staff", name: "addInvoiceLine" },
  async (input, { principal }) => {
    await addManualLine(principal, input);
    refresh();
  },
);

export const removeLineAction = defineAction(
  { schema: invoiceIdSchema.extend({ lineId: uuidField() }), who: "staff", name: "removeInvoiceLine" },
  async (input, { principal }) => {
    await removeLine(principal, input);
    refresh();
  },
);

export const sendInvoiceAction = defineAction(
  { schema: invoiceIdSchema, who: "staff", name: "sendInvoice" },
  async ({ invoiceId }, { principal }) => {
    const inv = await sendInvoice(principal, invoiceId);
    refresh();
    // The draft's Send form is gone once it is sent: the page itself confirms it (no PHI in the query).
    redirect(`${billingPath(inv.profileId)}/invoices/${inv.id}?sent=1`);
  },
);

export const voidInvoiceAction = defineAction(
  { schema: invoiceIdSchema, who: "staff", name: "voidInvoice" },
  async ({ invoiceId }, { principal }) => {
    await voidInvoice(principal, invoiceId);
    refresh();
  },
);

export const recordPaymentAction = defineAction(
  { schema: paymentSchema, who: "staff", name: "recordPayment" },
  async (input, { principal }) => {
    await recordManualPayment(principal, input);
    refresh();
  },
);

export const createStatementAction = defineAction(
  { schema: statementSchema, who: "staff", name: "createStatement" },
  async (input, { principal }) => {
    await createStatement(principal, input);
    refresh();
  },
);

export const sendStatementAction = defineAction(
  { schema: documentIdSchema, who: "staff", name: "sendStatement" },
  async ({ id }, { principal }) => {
    await sendStatement(principal, id);
    refresh();
  },
);

export const createSuperbillAction = defineAction(
  { schema: superbillSchema, who: "staff", name: "createSuperbill" },
  async (input, { principal }) => {
    await createSuperbill(principal, input);
    refresh();
  },
);

export const sendSuperbillAction = defineAction(
  { schema: documentIdSchema, who: "staff", name: "sendSuperbill" },
  async ({ id }, { principal }) => {
    await sendSuperbill(principal, id);
    refresh();
  },
);

/** Admin → Billing: add or change a service code and its default fee (admin only, audited in lib/billing). */
export const saveServiceCodeAction = defineAction(
  { schema: serviceCodeSchema, who: "admin", name: "saveServiceCode" },
  async (input, { principal }) => {
    await saveServiceCode(principal, input);
    revalidatePath("/admin/billing");
  },
);
