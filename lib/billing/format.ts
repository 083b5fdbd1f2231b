/** Labels shared by pages and PDFs. */
export const invoiceNumberLabel = (n: number) => `INV-${String(n).padStart(4, "0")}`;

export const invoiceStatusLabel: Record<string, string> = {
  draft: "Draft",
  sent: "Sent",
  partially_paid: "Partially paid",
  paid: "Paid",
  void: "Void",
};

/** Diagnosis pointers on a superbill: A, B, C … into its list of ICD-10 codes (as on a CMS-1500). */
export const pointerLetter = (index: number) => String.fromCharCode(65 + index);
