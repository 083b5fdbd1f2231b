import { z } from "zod";
import { stripControlChars, uuidField } from "@/lib/core/validation";

/** A message is plain text of at most this many characters (docs/decisions.md, Messaging). */
export const MESSAGE_MAX = 5000;
/** A sender may edit or delete a message for this long; after that it is part of the record. */
export const EDIT_WINDOW_MS = 5 * 60_000;

/** 5000 → "5,000" (plain digits work: lint keeps locale formatting to lib/core/time.ts). */
const thousands = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");

/**
 * Control characters other than tab and line breaks (lib/core/validation.ts) are invisible, meaningless in a
 * message, and NUL cannot be stored at all (PostgreSQL text). They are dropped from what was typed or pasted rather
 * than refused, since the person cannot see them to remove them.
 */

export const messageBody = z
  .string({ error: "Write a message." })
  // Line breaks are kept; Windows line ends become one; invisible control characters go.
  .transform((v) => v.replace(/\r\n?/g, "\n"))
  .transform(stripControlChars)
  .superRefine((v, ctx) => {
    if (v.trim().length === 0) ctx.addIssue({ code: "custom", message: "Write a message." });
    else if (v.length > MESSAGE_MAX)
      ctx.addIssue({
        code: "custom",
        message: `A message can be at most ${thousands(MESSAGE_MAX)} characters (this one has ${thousands(v.length)}). Shorten it or send it in two parts.`,
      });
  })
  .transform((v) => v.replace(/^\s*\n/, "").trimEnd());

export const sendMessageSchema = z.object({ profileId: uuidField(), body: messageBody });
export const editMessageSchema = z.object({ messageId: uuidField(), body: messageBody });
export const deleteMessageSchema = z.object({ messageId: uuidField() });
export const profileMessagingSchema = z.object({
  profileId: uuidField(),
  clientMessaging: z.enum(["on", "off"], { error: "Choose on or off." }),
});

/**
 * A draft keeps whatever was typed, even past the message limit (sending says it is too long; the text is not cut),
 * up to twice it: a draft cannot store anything large, and the last save, sent while the page is being left
 * (`fetch` with `keepalive`, whose body browsers cap at 64 KiB), always fits.
 */
export const DRAFT_MAX = MESSAGE_MAX * 2;
export const messageDraftSchema = z.object({
  profileId: uuidField(),
  body: z
    .string({ error: "The draft could not be read." })
    .max(DRAFT_MAX, { error: `A draft can be at most ${thousands(DRAFT_MAX)} characters.` })
    .transform(stripControlChars),
});

export type SendMessageInput = z.output<typeof sendMessageSchema>;
