import { handleResendRequest } from "@/lib/auth/sign-in-forms";

/** The invalid-link page's "Email me a new link" posts here. */
export const POST = (req: Request) => handleResendRequest(req);
