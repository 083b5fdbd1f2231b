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

/** Second factor and passkeys (docs/decisions.md "Second factor and passkeys"). */
const codeMessage = "Enter the 6-digit code from your authenticator app.";
export const totpCodeSchema = z.object({
  code: z
    .string({ error: codeMessage })
    .trim()
    .regex(/^\d{3} ?\d{3}$/, codeMessage),
  next: z.string().max(500).optional(),
});
const recoveryMessage = "Enter one of your recovery codes, like abcde-fghjk.";
export const recoveryCodeSchema = z.object({
  recoveryCode: z
    .string({ error: recoveryMessage })
    .trim()
    .regex(/^[A-Za-z0-9]{5}[- ]?[A-Za-z0-9]{5}$/, recoveryMessage),
  next: z.string().max(500).optional(),
});
/** A WebAuthn ceremony's answer: the challenge it answers and the browser's JSON (checked by @simplewebauthn). */
export const passkeyResponseSchema = z.object({
  challengeId: uuidField("Try again."),
  response: z.string({ error: "Try again." }).min(2, "Try again.").max(20_000, "Try again."),
  next: z.string().max(500).optional(),
});
export const passkeyIdSchema = z.object({
  passkeyId: z.string({ error: "Not found." }).regex(/^[A-Za-z0-9_-]{16,1400}$/, "Not found."),
});
export const staffUserSchema = z.object({ userId: uuidField() });
export const noInputSchema = z.object({});
