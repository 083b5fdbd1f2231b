import { Font, renderToBuffer } from "@react-pdf/renderer";
import type { StatementSnapshot } from "../statements";
import type { SuperbillContent } from "../superbill-check";
import { InvoicePdf, StatementPdf, SuperbillPdf, type InvoicePdfData } from "./documents";
import type { PdfPractice } from "./parts";

// Billing documents are short tables of codes and amounts: no word hyphenation (it dominated render time).
Font.registerHyphenationCallback((word) => [word]);

/** Rendering only (no database, no secrets): shared by the download route and bench/billing.ts. */
export const renderInvoicePdf = (practice: PdfPractice, invoice: InvoicePdfData) =>
  renderToBuffer(<InvoicePdf practice={practice} invoice={invoice} />);
export const renderStatementPdf = (practice: PdfPractice, statement: StatementSnapshot) =>
  renderToBuffer(<StatementPdf practice={practice} statement={statement} />);
export const renderSuperbillPdf = (practice: PdfPractice, superbill: SuperbillContent) =>
  renderToBuffer(<SuperbillPdf practice={practice} superbill={superbill} />);
