"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { switchProfileAction } from "@/lib/auth/actions";
import { ActionButton } from "@/components/ui/action-form";

type Choice = { id: string; name: string; detail: string; type: "individual" | "couple" | "minor" };

/** A form that makes one profile active (the action redirects); shows the refusal if access was lost. */
export function SwitchProfileForm({
  profileId,
  className,
  role,
  children,
}: {
  profileId: string;
  className?: string;
  role?: "menuitem";
  children: ReactNode;
}) {
  return (
    <ActionButton
      action={switchProfileAction}
      hidden={{ profileId }}
      submitLabel=""
      variant="plain"
      buttonClassName={className}
      buttonRole={role}
      className=""
      errorClassName="mt-1 text-sm font-medium text-red-800"
      errorText={(e) => (e === "Not found." ? "That profile is not available to you." : e)}
    >
      {children}
    </ActionButton>
  );
}

export function ProfileInitials({
  name,
  type,
  size = "lg",
}: {
  name: string;
  type: "individual" | "couple" | "minor";
  size?: "lg" | "sm";
}) {
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
      className={`grid shrink-0 place-items-center rounded-full font-bold text-white ${color} ${size === "lg" ? "h-12 w-12 text-lg" : "h-8 w-8 text-sm"}`}
    >
      {initials}
    </span>
  );
}

function Chevron({ open }: { open: boolean }) {
  return (
    <svg
      aria-hidden
      viewBox="0 0 20 20"
      className={`h-4 w-4 shrink-0 text-slate-600 transition-transform ${open ? "rotate-180" : ""}`}
    >
      <path d="M5 7.5 10 12.5 15 7.5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
    </svg>
  );
}

const menuItems = (menu: HTMLElement | null) =>
  Array.from(menu?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []);

/** Focuses the i-th menu item, wrapping around (-1 is the last). */
function focusItem(menu: HTMLElement | null, i: number) {
  const list = menuItems(menu);
  if (list.length) list[(i + list.length) % list.length].focus();
}

const ITEM =
  "flex min-h-11 w-full items-center gap-3 rounded px-2 py-1 text-left hover:bg-slate-100 focus:bg-slate-100";

/**
 * The profile switcher in the portal header (docs/product.md, Profiles), a menu button (WAI-ARIA APG "menu
 * button"): the button says which profile is active and opens a menu of the others. Arrow keys, Home and End
 * move through the items (Tab does too, and leaving the menu closes it); Escape closes it and returns focus to
 * the button; a click outside closes it. It is closed whenever the page or the active profile changes, so it
 * never stays open over the page after a switch or a navigation (docs/decisions.md, Client home).
 */
export function ProfileSwitcher({
  userName,
  active,
  others,
}: {
  userName: string | null;
  active: Choice | null;
  others: Choice[];
}) {
  const pathname = usePathname();
  const menuId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  // Open "for" one page and one active profile: when either changes, the menu is closed without an effect.
  const key = `${pathname}|${active?.id ?? ""}`;
  const [openFor, setOpenFor] = useState<string | null>(null);
  const open = openFor === key;
  const focusOnOpen = useRef<"first" | "last" | null>(null);

  const items = () => menuItems(menuRef.current);
  const focusAt = (i: number) => focusItem(menuRef.current, i);

  useEffect(() => {
    if (!open) return;
    if (focusOnOpen.current) focusItem(menuRef.current, focusOnOpen.current === "first" ? 0 : -1);
    focusOnOpen.current = null;
    const outside = (e: PointerEvent) => {
      if (!rootRef.current?.contains(e.target as Node)) setOpenFor(null);
    };
    document.addEventListener("pointerdown", outside);
    return () => document.removeEventListener("pointerdown", outside);
  }, [open]);

  // After a switch the menu (and the focused item) is gone: give focus back to the button, which names the new profile.
  const lastActive = useRef(active?.id);
  useEffect(() => {
    if (lastActive.current !== active?.id && (document.activeElement ?? document.body) === document.body)
      buttonRef.current?.focus();
    lastActive.current = active?.id;
  }, [active?.id]);

  const openMenu = (focus: "first" | "last") => {
    focusOnOpen.current = focus;
    setOpenFor(key);
  };
  const close = () => {
    setOpenFor(null);
    buttonRef.current?.focus();
  };

  const onButtonKey = (e: KeyboardEvent) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      openMenu(e.key === "ArrowDown" ? "first" : "last");
    }
  };
  const onMenuKey = (e: KeyboardEvent) => {
    const list = items();
    const at = list.indexOf(document.activeElement as HTMLElement);
    const move: Record<string, () => void> = {
      ArrowDown: () => focusAt(at + 1),
      ArrowUp: () => focusAt(at < 0 ? -1 : at - 1),
      Home: () => focusAt(0),
      End: () => focusAt(-1),
      Escape: close,
    };
    if (move[e.key]) {
      e.preventDefault();
      move[e.key]();
    }
  };

  return (
    <div
      ref={rootRef}
      className="relative"
      data-testid="profile-switcher"
      onBlur={(e) => {
        // Tab (or anything else) moving focus out of the switcher closes it.
        if (open && e.relatedTarget && !rootRef.current?.contains(e.relatedTarget as Node)) setOpenFor(null);
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => (open ? setOpenFor(null) : openMenu("first"))}
        onKeyDown={onButtonKey}
        className="flex min-h-11 max-w-[15rem] items-center gap-2 rounded-full border border-slate-300 bg-white py-1 pl-1 pr-3 text-left text-sm font-medium text-slate-900 shadow-sm hover:border-slate-400 hover:bg-slate-50"
      >
        {active ? <ProfileInitials name={active.name} type={active.type} size="sm" /> : null}
        <span className="flex min-w-0 flex-col leading-tight">
          <span className="text-xs font-normal text-slate-700">
            <span className="sr-only">Active profile:</span>
            <span aria-hidden>Profile</span>
          </span>
          <span className="truncate" data-testid="active-profile">
            {active ? active.name : "Choose a profile"}
          </span>
        </span>
        <Chevron open={open} />
      </button>
      {open ? (
        <div
          className="absolute left-0 z-20 mt-2 w-80 max-w-[calc(100vw-2rem)] rounded-lg border border-slate-300 bg-white p-2 shadow-lg sm:left-auto sm:right-0"
          onKeyDown={onMenuKey}
        >
          <p className="px-2 pb-2 pt-1 text-sm text-slate-700">
            {userName ? (
              <>
                Signed in as <strong className="text-slate-900">{userName}</strong>
              </>
            ) : (
              "Signed in"
            )}
            {active ? (
              <>
                <br />
                Viewing <strong className="text-slate-900">{active.name}</strong> · {active.detail}
              </>
            ) : null}
          </p>
          <div ref={menuRef} id={menuId} role="menu" aria-label="Switch profile" className="flex flex-col gap-1">
            {others.map((o) => (
              <div role="none" key={o.id} className="border-t border-slate-200 pt-1">
                <SwitchProfileForm profileId={o.id} role="menuitem" className={ITEM}>
                  <ProfileInitials name={o.name} type={o.type} size="sm" />
                  <span className="flex min-w-0 flex-col">
                    <span className="font-medium text-slate-900">Switch to {o.name}</span>
                    <span className="text-xs text-slate-700">{o.detail}</span>
                  </span>
                </SwitchProfileForm>
              </div>
            ))}
            <div role="none" className="border-t border-slate-200 pt-1">
              <Link href="/portal/profiles" role="menuitem" className={`${ITEM} text-sm font-medium text-brand-800`}>
                All profiles
              </Link>
            </div>
          </div>
        </div>
      ) : null}
      <noscript>
        <Link href="/portal/profiles" className="text-sm font-medium text-brand-800 underline">
          Switch profile
        </Link>
      </noscript>
    </div>
  );
}
