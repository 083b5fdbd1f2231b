import { z } from "zod";
import { emailFieldWith, uuidField } from "@/lib/core/validation";

/** One zod schema per form, shared by the browser and the server action (docs/decisions.md, Code conventions: One schema per form). */
export const emailLinkSchema = z.object({
  email: emailFieldWith("Enter your email address."),
});
export type EmailLinkInput = z.input<typeof emailLinkSchema>;

export const confirmLinkSchema = z.object({
  token: z
    .string({ error: "This link is not recognized." })
    .min(10, "This link is not recognized.")
    .max(200, "This link is not recognized."),
});

export const pinSignInSchema = z.object({
  email: emailFieldWith("Enter your email address."),
  pin: z
    .string({ error: "Enter the 6-digit PIN code from your provider's office." })
    .trim()
    .regex(/^\d{6}$/, "Enter the 6-digit PIN code from your provider's office."),
});
export type PinSignInInput = z.input<typeof pinSignInSchema>;

/** "Email me a new link" on the invalid-link page: the old link's token only, never the address. */
export const resendLinkSchema = z.object({
  token: z
    .string({ error: "This link is not recognized." })
    .min(10, "This link is not recognized.")
    .max(200, "This link is not recognized."),
});

export const switchProfileSchema = z.object({ profileId: uuidField("Choose a profile.") });

/** The clinician's portal-access buttons: which profile page, which portal user. */
export const portalAccessSchema = z.object({ profileId: uuidField(), userId: uuidField() });

export const staySignedInSchema = z.object({});
