import { BLANK_CLIENT_FIELDS, clientProfileSchema, type ClientProfileData } from "@/lib/profiles/schemas";

/** A client profile form as the "New client" page posts it: every text field blank, no portal users, then `v`. */
export function clientForm(v: Record<string, unknown>): ClientProfileData {
  return clientProfileSchema.parse({ ...BLANK_CLIENT_FIELDS, users: [], ...v });
}
