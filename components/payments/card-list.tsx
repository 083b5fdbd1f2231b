"use client";

import Link from "next/link";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { Button, buttonClass } from "@/components/ui/button";
import type { ActionResult } from "@/lib/auth/action";
import { cardLabel, expiryLabel } from "@/lib/payments/test-cards";

export type CardRow = { id: string; brand: string; last4: string; expMonth: number; expYear: number; isDefault: boolean };
type CardAction = (input: { paymentMethodId: string }) => Promise<ActionResult<void>>;

/** The signed-in user's cards on this profile: brand, last 4, expiry; replace, set default, remove. */
export function CardList({ cards, basePath, setDefault, remove }: { cards: CardRow[]; basePath: string; setDefault: CardAction; remove: CardAction }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [confirming, setConfirming] = useState<string | null>(null);
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);

  const run = (fn: CardAction, id: string, done: string) =>
    start(async () => {
      const r = await fn({ paymentMethodId: id });
      setConfirming(null);
      setMessage(r.ok ? { kind: "ok", text: done } : { kind: "error", text: r.error });
      router.refresh();
    });

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
                {c.isDefault ? <span className="rounded bg-brand-100 px-2 py-0.5 text-sm font-semibold text-brand-900">Default</span> : null}
              </div>
              {confirming === c.id ? (
                <div className="flex flex-wrap items-center gap-2">
                  <span className="text-slate-800">Remove {label}?</span>
                  <Button variant="danger" disabled={pending} onClick={() => run(remove, c.id, `${label} was removed.`)}>
                    Yes, remove
                  </Button>
                  <Button variant="secondary" onClick={() => setConfirming(null)}>
                    Keep it
                  </Button>
                </div>
              ) : (
                <div className="flex flex-wrap gap-2">
                  {!c.isDefault ? (
                    <Button variant="secondary" disabled={pending} aria-label={`Set as default: ${label}`} onClick={() => run(setDefault, c.id, `${label} is now the default card.`)}>
                      Set as default
                    </Button>
                  ) : null}
                  <Link href={`${basePath}?replace=${c.id}`} className={buttonClass("secondary")} aria-label={`Replace ${label}`}>
                    Replace
                  </Link>
                  <Button variant="secondary" disabled={pending} aria-label={`Remove ${label}`} onClick={() => setConfirming(c.id)}>
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
