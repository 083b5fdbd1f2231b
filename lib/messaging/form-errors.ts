// No "server-only": words the pages show.

/** What a native (no-JavaScript) message post that failed comes back with: a code in the query, in words here. */
export const FORM_ERROR_TEXT_PUBLIC: Record<string, string> = {
  rate: "You have sent a lot of messages in the last minute. Please wait a minute, then send it again.",
  window: "A message can be changed or removed only in the first 5 minutes. It is now part of the record.",
  invalid: "The message was empty or longer than 5,000 characters, so it was not sent.",
  failed: "Something went wrong on our side. Please try again.",
};
