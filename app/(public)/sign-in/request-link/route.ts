import { handleLinkRequest } from "@/lib/auth/sign-in-forms";

/** "Email Me a Link" posts here (a route handler so that a rate limit answers 429: docs/decisions.md). */
export const POST = (req: Request) => handleLinkRequest(req);
