import { z } from "zod";

/** One zod schema per form, shared by the browser and the server action (docs/decisions.md, Code conventions: One schema per form). */
export const emailLinkSchema = z.object({
  email: z.string().trim().toLowerCase().min(1, "Enter your email address.").max(254, "That email address is too long.").pipe(z.email("Enter a valid email address, like name@example.com.")),
});
export type EmailLinkInput = z.input<typeof emailLinkSchema>;

export const confirmLinkSchema = z.object({ token: z.string().min(10).max(200) });

export const pinSignInSchema = z.object({
  email: z.string().trim().toLowerCase().min(1, "Enter your email address.").max(254).pipe(z.email("Enter a valid email address, like name@example.com.")),
  pin: z.string().trim().regex(/^\d{6}$/, "Enter the 6-digit PIN code from your provider's office."),
});
export type PinSignInInput = z.input<typeof pinSignInSchema>;

/** "Email me a new link" on the invalid-link page: the old link's token only, never the address. */
export const resendLinkSchema = z.object({ token: z.string().min(10, "This link is not recognised.").max(200, "This link is not recognised.") });

export const switchProfileSchema = z.object({ profileId: z.uuid("Choose a profile.") });

/** The clinician's portal-access buttons: which profile page, which portal user. */
export const portalAccessSchema = z.object({ profileId: z.uuid(), userId: z.uuid() });

export const staySignedInSchema = z.object({});
