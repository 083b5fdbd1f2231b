import { AuthError } from "next-auth";
import { signIn } from "@/lib/auth/auth";
import { handlePinRequest } from "@/lib/auth/sign-in-forms";

/** The PIN form posts here (a route handler so that a rate limit answers 429: docs/decisions.md). */
export const POST = (req: Request) =>
  handlePinRequest(req, async (email, pin) => {
    try {
      await signIn("pin", { email, pin, redirect: false });
      return true;
    } catch (e) {
      if (e instanceof AuthError) return false;
      throw e;
    }
  });
