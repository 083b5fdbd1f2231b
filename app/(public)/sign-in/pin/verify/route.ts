import { AuthError, CredentialsSignin } from "next-auth";
import { PIN_RATE_LIMITED, signIn } from "@/lib/auth/auth";
import { handlePinRequest } from "@/lib/auth/sign-in-forms";

const SIGNED_IN = "/after-sign-in";

/** The PIN form posts here (a route handler so that a rate limit answers 429: docs/decisions.md). */
export const POST = (req: Request) =>
  handlePinRequest(req, async (email, pin) => {
    try {
      const to = new URL(
        await signIn("pin", { email, pin, redirect: false, redirectTo: SIGNED_IN }),
        "http://haven.invalid",
      );
      // Auth.js answers a refusal with its error page's URL instead of throwing when the request carries
      // X-Auth-Return-Redirect (a header the client controls), so the URL decides too.
      if (to.searchParams.has("error"))
        return to.searchParams.get("code") === PIN_RATE_LIMITED ? "rate_limited" : "rejected";
      return to.pathname === SIGNED_IN ? "ok" : "rejected";
    } catch (e) {
      if (e instanceof CredentialsSignin && e.code === PIN_RATE_LIMITED) return "rate_limited";
      if (e instanceof AuthError) return "rejected";
      throw e;
    }
  });
