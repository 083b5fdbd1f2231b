import { z } from "zod";
import { emailField, npiField, optionalText, stateField } from "@/lib/core/validation";

/** Staff details printed on superbills (docs/product.md, Billing: credentials, individual NPI, licence number and state). */
export const staffDetailsSchema = z.object({
  name: z.string().trim().min(1, "Enter the clinician's name.").max(120, "The name is too long."),
  credentials: optionalText(40, "Credentials"),
  npi: npiField,
  licenseNumber: optionalText(40, "The licence number"),
  licenseState: stateField,
});

export const inviteClinicianSchema = staffDetailsSchema.extend({ email: emailField });
export type InviteClinicianInput = z.input<typeof inviteClinicianSchema>;

export const updateStaffSchema = staffDetailsSchema.extend({ userId: z.uuid() });
export type UpdateStaffInput = z.input<typeof updateStaffSchema>;

export const staffIdSchema = z.object({ userId: z.uuid() });
