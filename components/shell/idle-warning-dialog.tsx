"use client";

import { usePathname } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { idleSignOutAction, staySignedInAction } from "@/lib/auth/actions";

const WARN_BEFORE_MS = 60_000;
/** The server refreshes its idle clock at most every 15 s (lib/auth/sessions.ts), so we assume that much less. */
const SERVER_TOUCH_SLACK_MS = 15_000;
const STORAGE_KEY = "haven.idle-deadline";

/**
 * Counts down to the server's idle deadline. At 14 minutes idle it opens a modal dialog with "Stay signed in";
 * at 15 it signs out. Navigation and "Stay signed in" restart the count; other tabs share it via localStorage,
 * so an active tab keeps a quiet one from signing everyone out.
 */
export function IdleWarningDialog({ remainingMs, idleTimeoutMs }: { remainingMs: number; idleTimeoutMs: number }) {
  const pathname = usePathname();
  const deadline = useRef<number>(0);
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  const [pending, startTransition] = useTransition();
  const first = useRef(true);

  const setDeadline = (d: number, share = true) => {
    deadline.current = d;
    if (share) {
      try {
        localStorage.setItem(STORAGE_KEY, String(d));
      } catch {
        // storage can be unavailable (private mode); this tab still counts down
      }
    }
  };

  // Every page load or client navigation is a request the server counted as activity.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      setDeadline(Date.now() + remainingMs);
    } else {
      setDeadline(Date.now() + idleTimeoutMs - SERVER_TOUCH_SLACK_MS);
    }
    // The next tick of the timer closes the dialog if it was open.
  }, [pathname, remainingMs, idleTimeoutMs]);

  useEffect(() => {
    const onStorage = (e: StorageEvent) => {
      if (e.key === STORAGE_KEY && e.newValue && Number(e.newValue) > deadline.current) {
        deadline.current = Number(e.newValue);
        setOpen(Number(e.newValue) - Date.now() <= WARN_BEFORE_MS);
      }
    };
    window.addEventListener("storage", onStorage);
    const timer = window.setInterval(() => {
      const left = deadline.current - Date.now();
      if (left <= 0) {
        window.clearInterval(timer);
        void idleSignOutAction();
      } else {
        setOpen(left <= WARN_BEFORE_MS);
      }
    }, 1000);
    return () => {
      window.removeEventListener("storage", onStorage);
      window.clearInterval(timer);
    };
  }, []);

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);

  const stay = () =>
    startTransition(async () => {
      const r = await staySignedInAction({});
      if (r.ok) {
        setDeadline(Date.now() + r.data.remainingMs);
        setOpen(false);
      } else {
        await idleSignOutAction();
      }
    });

  return (
    <dialog
      ref={dialog}
      aria-labelledby="idle-title"
      aria-describedby="idle-body"
      onCancel={(e) => {
        // Escape means "I'm here": the same as Stay signed in.
        e.preventDefault();
        stay();
      }}
      className="m-auto w-[calc(100%-2rem)] max-w-md rounded-lg border border-slate-300 bg-white p-6 text-slate-900 shadow-xl backdrop:bg-slate-900/50"
    >
      <h2 id="idle-title" className="text-xl font-bold">
        Are you still there?
      </h2>
      <p id="idle-body" className="mt-2 text-slate-700">
        For your privacy, you will be signed out in about a minute because there has been no activity.
      </p>
      <div className="mt-5 flex flex-wrap gap-3">
        <button
          type="button"
          autoFocus
          onClick={stay}
          disabled={pending}
          className="inline-flex min-h-11 items-center rounded-md bg-brand-700 px-4 font-semibold text-white hover:bg-brand-800"
        >
          Stay signed in
        </button>
        <button
          type="button"
          onClick={() => startTransition(() => idleSignOutAction(false))}
          className="inline-flex min-h-11 items-center rounded-md border border-slate-300 bg-white px-4 font-semibold text-slate-900 hover:bg-slate-50"
        >
          Sign out
        </button>
      </div>
    </dialog>
  );
}
