"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { startAuthentication, startRegistration } from "@simplewebauthn/browser";
import { Button, buttonClass } from "@/components/ui/button";
import { RecoveryCodeList } from "@/components/auth/recovery-codes";
import {
  passkeyRegistrationOptionsAction,
  passkeySecondFactorOptionsAction,
  passkeySignInAction,
  passkeySignInOptionsAction,
  registerPasskeyAction,
  verifyPasskeySecondFactorAction,
} from "@/lib/auth/actions";

/**
 * One button for the three passkey ceremonies (docs/decisions.md "Second factor and passkeys"): "sign-in" (the
 * sign-in page, no address asked), "second-factor" (a staff member's second step) and "register" (add a passkey).
 * The server issues a single-use challenge, the browser's authenticator answers it, the server verifies.
 */
export function PasskeyButton({
  mode,
  label,
  next,
  variant = "secondary",
  doneHref,
}: {
  mode: "sign-in" | "second-factor" | "register";
  label: string;
  next?: string;
  variant?: "primary" | "secondary";
  /** After adding a passkey, go here (the enrolment page); otherwise the page refreshes in place. */
  doneHref?: string;
}) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  /** A staff member's first factor: the recovery codes, shown once before going on to `doneHref`. */
  const [codes, setCodes] = useState<string[] | null>(null);

  async function run() {
    setPending(true);
    setMessage(null);
    try {
      if (mode === "register") {
        const o = await passkeyRegistrationOptionsAction({});
        if (!o.ok) return setMessage({ kind: "error", text: o.error });
        const response = await startRegistration({ optionsJSON: o.data.options });
        const r = await registerPasskeyAction({ challengeId: o.data.challengeId, response: JSON.stringify(response) });
        if (!r.ok) return setMessage({ kind: "error", text: r.error });
        setMessage({ kind: "ok", text: "Passkey added. Next time, choose Sign in with a passkey." });
        if (doneHref && r.data.recoveryCodes.length) setCodes(r.data.recoveryCodes);
        else if (doneHref) router.replace(doneHref);
        else router.refresh();
        return;
      }
      if (mode === "sign-in") {
        const o = await passkeySignInOptionsAction({});
        if (!o.ok) return setMessage({ kind: "error", text: o.error });
        const response = await startAuthentication({ optionsJSON: o.data.options });
        // On success the action redirects (Auth.js sets the session cookie); only a refusal comes back.
        const r = await passkeySignInAction({ challengeId: o.data.challengeId, response: JSON.stringify(response) });
        if (r && !r.ok) setMessage({ kind: "error", text: r.error });
        return;
      }
      const o = await passkeySecondFactorOptionsAction({});
      if (!o.ok) return setMessage({ kind: "error", text: o.error });
      const response = await startAuthentication({ optionsJSON: o.data.options });
      const r = await verifyPasskeySecondFactorAction({
        challengeId: o.data.challengeId,
        response: JSON.stringify(response),
        next,
      });
      if (!r.ok) return setMessage({ kind: "error", text: r.error });
      router.replace(r.data.next);
    } catch {
      // The person cancelled, or this device has no passkey for this site.
      setMessage({ kind: "error", text: "No passkey was used. Try again, or choose another way." });
    } finally {
      setPending(false);
    }
  }

  if (codes && doneHref) {
    return (
      <div className="flex flex-col gap-4">
        <p role="status" className="font-medium text-green-800">
          Your passkey is set up.
        </p>
        <RecoveryCodeList codes={codes} />
        <a href={doneHref} className={buttonClass("primary", "w-full sm:w-auto")}>
          Continue
        </a>
      </div>
    );
  }
  return (
    <div className="flex flex-col gap-2">
      <Button type="button" variant={variant} onClick={run} disabled={pending} className="w-full sm:w-auto">
        {pending ? "Waiting for your passkey…" : label}
      </Button>
      {message ? (
        <p
          role={message.kind === "error" ? "alert" : "status"}
          className={message.kind === "error" ? "text-sm text-red-800" : "text-sm text-green-800"}
        >
          {message.text}
        </p>
      ) : null}
    </div>
  );
}
