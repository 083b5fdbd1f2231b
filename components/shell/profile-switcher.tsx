"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import { switchProfileAction } from "@/lib/auth/actions";
import { ActionButton } from "@/components/ui/action-form";

type Choice = { id: string; name: string; detail: string };

/** A form that makes one profile active (the action redirects); shows the refusal if access was lost. */
export function SwitchProfileForm({
  profileId,
  className,
  children,
}: {
  profileId: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <ActionButton
      action={switchProfileAction}
      hidden={{ profileId }}
      submitLabel=""
      variant="plain"
      buttonClassName={className}
      className=""
      errorClassName="mt-1 text-sm font-medium text-red-800"
      errorText={(e) => (e === "Not found." ? "That profile is not available to you." : e)}
    >
      {children}
    </ActionButton>
  );
}

export function ProfileInitials({ name, type }: { name: string; type: "individual" | "couple" | "minor" }) {
  const initials = name
    .split(/[\s&]+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]?.toUpperCase())
    .join("");
  const color = type === "couple" ? "bg-brand-700" : type === "minor" ? "bg-indigo-700" : "bg-slate-700";
  return (
    <span
      aria-hidden
      className={`grid h-12 w-12 shrink-0 place-items-center rounded-full text-lg font-bold text-white ${color}`}
    >
      {initials}
    </span>
  );
}

/** The profile switcher in the portal header (docs/product.md, Profiles): works without JavaScript (details/summary). */
export function ProfileSwitcher({ active, others }: { active: Choice | null; others: Choice[] }) {
  return (
    <details className="relative" data-testid="profile-switcher">
      <summary className="flex min-h-11 cursor-pointer items-center gap-2 rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-slate-900">
        <span className="sr-only">Active profile:</span>
        <span className="max-w-[12rem] truncate" data-testid="active-profile">
          {active ? active.name : "Choose a profile"}
        </span>
      </summary>
      <div className="absolute left-0 z-10 mt-1 w-72 sm:left-auto sm:right-0 max-w-[calc(100vw-2rem)] rounded-md border border-slate-300 bg-white p-2 shadow-lg">
        {others.length ? (
          <ul className="flex flex-col gap-1">
            {others.map((o) => (
              <li key={o.id}>
                <SwitchProfileForm
                  profileId={o.id}
                  className="flex min-h-11 w-full flex-col items-start rounded px-2 py-1 text-left hover:bg-slate-100"
                >
                  <span className="font-medium text-slate-900">Switch to {o.name}</span>
                  <span className="text-xs text-slate-700">{o.detail}</span>
                </SwitchProfileForm>
              </li>
            ))}
          </ul>
        ) : null}
        <Link
          href="/portal/profiles"
          className="mt-1 block min-h-11 rounded px-2 py-2 text-sm font-medium text-brand-800 underline"
        >
          All profiles
        </Link>
      </div>
    </details>
  );
}
