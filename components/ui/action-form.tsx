"use client";

/**
 * Forms in Haven are built one of two ways (docs/architecture.md, Forms):
 *
 * 1. `ActionForm` / `ActionButton` (this file): a <form> posting FormData to a server action made with
 *    `defineAction`, through useActionState. For simple forms and one-button actions. The server validates; the
 *    controls in components/ui/form-controls.tsx read field errors and what was typed from this form's context.
 * 2. react-hook-form + zodResolver through `useZodForm` (components/ui/use-zod-form.ts), for forms that validate
 *    in the browser as you type (client profile, staff, practice settings). The same controls take
 *    `{...register(name)}` and `error`.
 *
 * No other form state (ad-hoc useActionState, useTransition around an action, hand-kept error state).
 */

import { useActionState, useId, useState, type ReactNode } from "react";
import { ActionFormState, useFieldState } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/auth/action";

type Action<R> = (fd: FormData) => Promise<ActionResult<R>>;

/** useActionState over a defineAction action; `onResult` runs once per result, inside the same transition. */
function useAction<R>(action: Action<R>, onResult?: (r: ActionResult<R>) => void) {
  return useActionState(async (_prev: ActionResult<R> | null, fd: FormData) => {
    const r = await action(fd);
    onResult?.(r);
    return r;
  }, null);
}

type SubmitProps = {
  submitLabel: string;
  /** Visible words while the action runs; the default keeps the label. */
  pendingLabel?: string;
  /** Appended to the visible words to form the accessible name (WCAG 2.5.3: the name starts with what is seen), e.g. " to Jordan Lee". */
  nameSuffix?: string;
  /** "plain": no button styling, only `buttonClassName` (e.g. a menu item in the profile switcher). */
  variant?: "primary" | "secondary" | "danger" | "dangerStrong" | "plain";
  buttonClassName?: string;
  /** A plain button's role inside a composite widget (the profile switcher's menu items). */
  buttonRole?: "menuitem";
};

function SubmitButton({
  pending,
  submitLabel,
  pendingLabel,
  nameSuffix,
  variant = "primary",
  buttonClassName,
  buttonRole,
  children,
}: SubmitProps & { pending: boolean; children?: ReactNode }) {
  const visible = pending && pendingLabel ? pendingLabel : submitLabel;
  if (variant === "plain") {
    return (
      <button
        type="submit"
        role={buttonRole}
        disabled={pending}
        className={buttonClassName}
        aria-label={nameSuffix ? `${visible}${nameSuffix}` : undefined}
      >
        {children ?? visible}
      </button>
    );
  }
  return (
    <Button
      type="submit"
      variant={variant}
      disabled={pending}
      className={buttonClassName}
      aria-label={nameSuffix ? `${visible}${nameSuffix}` : undefined}
    >
      {children ?? visible}
    </Button>
  );
}

export function ActionForm<R = unknown>({
  action,
  pendingLabel = "Saving…",
  hidden = {},
  successMessage,
  onResult,
  className = "flex flex-col gap-4",
  children,
  ...submit
}: SubmitProps & {
  action: Action<R>;
  hidden?: Record<string, string>;
  /** Announced (role=status) after success. */
  successMessage?: string | ((data: R) => string);
  onResult?: (r: ActionResult<R>) => void;
  className?: string;
  children?: ReactNode;
}) {
  const [state, formAction, pending] = useAction(action, onResult);
  const fieldErrors = state && !state.ok ? state.fieldErrors : undefined;
  const formError =
    state && !state.ok && (!fieldErrors || Object.keys(fieldErrors).length === 0 || fieldErrors._form)
      ? (fieldErrors?._form?.[0] ?? state.error)
      : null;
  const success =
    state?.ok && successMessage
      ? typeof successMessage === "function"
        ? successMessage(state.data)
        : successMessage
      : null;
  return (
    <ActionFormState.Provider value={{ result: state }}>
      <form action={formAction} className={className} noValidate>
        {Object.entries(hidden).map(([k, v]) => (
          <input key={k} type="hidden" name={k} value={v} />
        ))}
        {children}
        {formError ? (
          <p role="alert" className="text-sm font-medium text-red-800">
            {formError}
          </p>
        ) : null}
        {success ? (
          <p role="status" className="text-sm font-medium text-green-800">
            {success}
          </p>
        ) : null}
        <div>
          <SubmitButton pending={pending} pendingLabel={pendingLabel} {...submit} />
        </div>
      </form>
    </ActionFormState.Provider>
  );
}

/**
 * A one-button form (Acknowledge, Withdraw, Set as default, Revoke, Generate PIN…): hidden inputs, an optional
 * confirmation, the pending label, and the result either shown under the button or handed to `onResult` when the
 * caller shows it elsewhere (`showResult={false}`).
 */
export function ActionButton<R = unknown>({
  action,
  hidden = {},
  confirm,
  onResult,
  showResult = true,
  errorText = (e) => e,
  successMessage,
  className = "flex flex-col gap-1",
  errorClassName = "text-sm text-red-800",
  children,
  ...submit
}: SubmitProps & {
  action: Action<R>;
  hidden?: Record<string, string>;
  /** Asked with window.confirm before the action runs; cancelling sends nothing. */
  confirm?: string;
  onResult?: (r: ActionResult<R>) => void;
  showResult?: boolean;
  errorText?: (error: string) => string;
  successMessage?: string;
  className?: string;
  errorClassName?: string;
  /** Button content when it is more than its label (the accessible name then comes from it). */
  children?: ReactNode;
}) {
  const [state, formAction, pending] = useAction(action, onResult);
  return (
    <form
      action={formAction}
      className={className}
      onSubmit={confirm ? (e) => (window.confirm(confirm) ? undefined : e.preventDefault()) : undefined}
    >
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <SubmitButton pending={pending} {...submit}>
        {children}
      </SubmitButton>
      {showResult && state && !state.ok ? (
        <p role="alert" className={errorClassName}>
          {errorText(state.error)}
        </p>
      ) : null}
      {showResult && state?.ok && successMessage ? (
        <p role="status" className="text-sm text-slate-800">
          {successMessage}
        </p>
      ) : null}
    </form>
  );
}

/** The message an `ActionButton` with `showResult={false}` hands up, kept by its parent. */
export function useResultMessage() {
  return useState<{ kind: "ok" | "error"; text: string } | null>(null);
}

/** The service code picker: choosing a code fills in its default fee, which stays editable. */
export function CptAndFee({
  codes,
  defaultCode,
}: {
  codes: { code: string; description: string; defaultFee: string }[];
  /** The code to start from (the last one this clinician used for this client), else the first in the list. */
  defaultCode?: string;
}) {
  const cpt = useFieldState("cptCode");
  const fee = useFieldState("fee");
  const initialCode =
    typeof cpt.typed === "string"
      ? cpt.typed
      : defaultCode && codes.some((c) => c.code === defaultCode)
        ? defaultCode
        : (codes[0]?.code ?? "");
  const [code, setCode] = useState(initialCode);
  const [amount, setAmount] = useState(
    typeof fee.typed === "string" ? fee.typed : (codes.find((c) => c.code === initialCode)?.defaultFee ?? ""),
  );
  const id = useId();
  const inputClass =
    "min-h-11 w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base aria-[invalid=true]:border-red-700";
  return (
    <>
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-cpt`} className="text-sm font-medium text-slate-800">
          Service code (CPT)
        </label>
        <select
          id={`${id}-cpt`}
          name="cptCode"
          value={code}
          onChange={(e) => {
            setCode(e.target.value);
            setAmount(codes.find((c) => c.code === e.target.value)?.defaultFee ?? amount);
          }}
          aria-invalid={cpt.error ? true : undefined}
          className={inputClass}
        >
          {codes.map((c) => (
            <option key={c.code} value={c.code}>
              {c.code} — {c.description}
            </option>
          ))}
        </select>
        {cpt.error ? <p className="text-sm font-medium text-red-800">{cpt.error}</p> : null}
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-fee`} className="text-sm font-medium text-slate-800">
          Fee per unit ($)
        </label>
        <input
          id={`${id}-fee`}
          name="fee"
          inputMode="decimal"
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
          aria-invalid={fee.error ? true : undefined}
          aria-describedby={fee.error ? `${id}-fee-error` : undefined}
          className={inputClass}
        />
        {fee.error ? (
          <p id={`${id}-fee-error`} className="text-sm font-medium text-red-800">
            {fee.error}
          </p>
        ) : null}
      </div>
    </>
  );
}
