import { z } from "zod";
import { emailField, npiField, optionalText, stateField, textField, uuidField } from "@/lib/core/validation";

/** Staff details printed on superbills (docs/product.md, Billing: credentials, individual NPI, licence number and state). */
export const staffDetailsSchema = z.object({
  name: textField(120, "The name", { required: "Enter the clinician's name." }),
  credentials: optionalText(40, "Credentials"),
  npi: npiField,
  licenseNumber: optionalText(40, "The license number"),
  licenseState: stateField,
});

export const inviteClinicianSchema = staffDetailsSchema.extend({ email: emailField });
export type InviteClinicianInput = z.input<typeof inviteClinicianSchema>;

export const updateStaffSchema = staffDetailsSchema.extend({ userId: uuidField() });
export type UpdateStaffInput = z.input<typeof updateStaffSchema>;

export const staffIdSchema = z.object({ userId: uuidField() });
