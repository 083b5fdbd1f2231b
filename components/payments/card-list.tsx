"use client";

import Link from "next/link";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Button, buttonClass } from "@/components/ui/button";
import { ActionButton, useResultMessage } from "@/components/ui/action-form";
import type { ActionResult } from "@/lib/auth/action";
import { cardLabel, expiryLabel } from "@/lib/payments/test-cards";

export type CardRow = {
  id: string;
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
  isDefault: boolean;
};
type CardAction = (fd: FormData) => Promise<ActionResult<void>>;

/** The signed-in user's cards on this profile: brand, last 4, expiry; replace, set default, remove. */
export function CardList({
  cards,
  basePath,
  setDefault,
  remove,
}: {
  cards: CardRow[];
  basePath: string;
  setDefault: CardAction;
  remove: CardAction;
}) {
  const router = useRouter();
  const [confirming, setConfirming] = useState<string | null>(null);
  const [message, setMessage] = useResultMessage();

  // One message for the whole list: the card a message is about may be gone after the refresh.
  const done = (text: string) => (r: ActionResult<void>) => {
    setConfirming(null);
    setMessage(r.ok ? { kind: "ok", text } : { kind: "error", text: r.error });
    router.refresh();
  };

  return (
    <div className="flex flex-col gap-3">
      <p role="status" className={message?.kind === "error" ? "font-medium text-red-800" : "text-slate-800"}>
        {message?.text ?? ""}
      </p>
      <ul className="flex flex-col gap-3" aria-label="Your cards">
        {cards.map((c) => {
          const label = cardLabel(c.brand, c.last4);
          return (
            <li key={c.id} className="flex flex-col gap-3 rounded-lg border border-slate-300 bg-white p-4">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <span className="flex flex-col">
                  <span className="font-semibold text-slate-900" data-testid="card-label">
                    {label}
                  </span>
                  <span className="text-sm text-slate-700">Expires {expiryLabel(c.expMonth, c.expYear)}</span>
                </span>
                {c.isDefault ? (
                  <span className="rounded bg-brand-100 px-2 py-0.5 text-sm font-semibold text-brand-900">Default</span>
                ) : null}
              </div>
              {confirming === c.id ? (
                <div className="flex flex-wrap items-center gap-2">
                  <span className="text-slate-800">Remove {label}?</span>
                  <ActionButton
                    action={remove}
                    hidden={{ paymentMethodId: c.id }}
                    submitLabel="Yes, remove"
                    variant="danger"
                    showResult={false}
                    className=""
                    onResult={done(`${label} was removed.`)}
                  />
                  <Button variant="secondary" onClick={() => setConfirming(null)}>
                    Keep it
                  </Button>
                </div>
              ) : (
                <div className="flex flex-wrap gap-2">
                  {!c.isDefault ? (
                    <ActionButton
                      action={setDefault}
                      hidden={{ paymentMethodId: c.id }}
                      submitLabel="Set as default"
                      nameSuffix={`: ${label}`}
                      variant="secondary"
                      showResult={false}
                      className=""
                      onResult={done(`${label} is now the default card.`)}
                    />
                  ) : null}
                  <Link
                    href={`${basePath}?replace=${c.id}`}
                    className={buttonClass("secondary")}
                    aria-label={`Replace ${label}`}
                  >
                    Replace
                  </Link>
                  <Button variant="secondary" aria-label={`Remove ${label}`} onClick={() => setConfirming(c.id)}>
                    Remove
                  </Button>
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
