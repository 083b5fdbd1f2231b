"use client";

import { useId, useRef, useState, type ComponentProps } from "react";
import { ActionButton } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/auth/action";

type ActionButtonProps<R> = ComponentProps<typeof ActionButton<R>>;

/**
 * The one destructive button (archive, revoke access, deactivate, withdraw, void…): a quiet outline button that
 * opens a modal confirmation (a native <dialog>: focus moves in, Escape cancels, focus returns) saying what will
 * happen; only "Yes, …" there runs the action. Cancel has the focus, so Enter never destroys by accident. The
 * result is shown under the button, or handed to `onResult` with `showResult={false}`.
 */
export function ConfirmButton<R = unknown>({
  question,
  consequence,
  confirmLabel,
  submitLabel,
  nameSuffix,
  onResult,
  showResult = true,
  successMessage,
  className = "flex flex-col items-start gap-1",
  buttonClassName,
  ...action
}: Omit<ActionButtonProps<R>, "confirm" | "variant" | "children"> & {
  /** The dialog's title: "Archive Jordan Lee?" */
  question: string;
  /** What happens, in a sentence: "They are signed out at once…" */
  consequence?: string;
  /** The confirming button's words; defaults to "Yes, " + the label in lower case. */
  confirmLabel?: string;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [result, setResult] = useState<ActionResult<R> | null>(null);
  const yes = confirmLabel ?? `Yes, ${submitLabel.charAt(0).toLowerCase()}${submitLabel.slice(1)}`;
  return (
    <div className={className}>
      <Button
        type="button"
        variant="danger"
        className={buttonClassName}
        aria-haspopup="dialog"
        aria-label={nameSuffix ? `${submitLabel}${nameSuffix}` : undefined}
        onClick={() => {
          setResult(null);
          dialog.current?.showModal();
        }}
      >
        {submitLabel}
      </Button>
      <dialog
        ref={dialog}
        aria-labelledby={`${id}-q`}
        aria-describedby={consequence ? `${id}-c` : undefined}
        className="m-auto w-[calc(100%-2rem)] max-w-md rounded-lg border border-slate-200 bg-white p-5 text-slate-900 shadow-xl backdrop:bg-slate-900/50"
      >
        <h2 id={`${id}-q`} className="text-lg font-semibold">
          {question}
        </h2>
        {consequence ? (
          <p id={`${id}-c`} className="mt-2 text-slate-700">
            {consequence}
          </p>
        ) : null}
        <div className="mt-4 flex flex-wrap justify-end gap-2">
          <Button type="button" variant="secondary" autoFocus onClick={() => dialog.current?.close()}>
            Cancel
          </Button>
          <ActionButton<R>
            {...action}
            submitLabel={yes}
            nameSuffix={nameSuffix}
            variant="dangerStrong"
            showResult={false}
            className=""
            onResult={(r) => {
              dialog.current?.close();
              setResult(r);
              onResult?.(r);
            }}
          />
        </div>
      </dialog>
      {showResult && result && !result.ok ? (
        <p role="alert" className="text-sm font-medium text-red-800">
          {result.error}
        </p>
      ) : null}
      {showResult && result?.ok && successMessage ? (
        <p role="status" className="text-sm text-slate-800">
          {successMessage}
        </p>
      ) : null}
    </div>
  );
}
