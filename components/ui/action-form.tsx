"use client";

import { createContext, useActionState, useContext, useId, useState, type ReactNode } from "react";
import { FieldFrame } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/auth/action";

/**
 * A form bound to a server action (useActionState): errors are shown at the field, what was typed is kept, and a
 * form-level message is announced. Fields below read the last result from context.
 */
type State = ActionResult<unknown> | null;
const FormState = createContext<State>(null);

const inputClass = "min-h-11 w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base aria-[invalid=true]:border-red-700";

export function ActionForm({
  action,
  submitLabel,
  pendingLabel = "Saving…",
  hidden = {},
  successMessage,
  variant = "primary",
  className = "flex flex-col gap-4",
  children,
}: {
  action: (fd: FormData) => Promise<ActionResult<unknown>>;
  submitLabel: string;
  pendingLabel?: string;
  hidden?: Record<string, string>;
  successMessage?: string;
  variant?: "primary" | "secondary" | "danger";
  className?: string;
  children?: ReactNode;
}) {
  const [state, formAction, pending] = useActionState(async (_prev: State, fd: FormData) => action(fd), null);
  const formError = state && !state.ok && (!state.fieldErrors || Object.keys(state.fieldErrors).length === 0 || state.fieldErrors._form) ? (state.fieldErrors?._form?.[0] ?? state.error) : null;
  return (
    <FormState.Provider value={state}>
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
        {state?.ok && successMessage ? (
          <p role="status" className="text-sm font-medium text-green-800">
            {successMessage}
          </p>
        ) : null}
        <div>
          <Button type="submit" variant={variant} disabled={pending}>
            {pending ? pendingLabel : submitLabel}
          </Button>
        </div>
      </form>
    </FormState.Provider>
  );
}

function useField(name: string) {
  const state = useContext(FormState);
  const err = state && !state.ok ? state.fieldErrors?.[name]?.[0] : undefined;
  const typed = state && !state.ok ? state.values?.[name] : undefined;
  return { err, typed };
}

export function TextField({ name, label, hint, defaultValue, type = "text", ...rest }: { name: string; label: string; hint?: string; defaultValue?: string; type?: string; inputMode?: "decimal" | "numeric" | "text"; autoComplete?: string; required?: boolean }) {
  const { err, typed } = useField(name);
  const id = `${useId()}-${name}`;
  const describedBy = [hint ? `${id}-hint` : null, err ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <FieldFrame id={id} label={label} hint={hint} error={err} announce={false}>
      <input id={id} name={name} type={type} defaultValue={typeof typed === "string" ? typed : defaultValue} aria-invalid={err ? true : undefined} aria-describedby={describedBy} className={inputClass} {...rest} />
    </FieldFrame>
  );
}

export function SelectField({ name, label, options, defaultValue, hint }: { name: string; label: string; options: { value: string; label: string }[]; defaultValue?: string; hint?: string }) {
  const { err, typed } = useField(name);
  const id = `${useId()}-${name}`;
  return (
    <FieldFrame id={id} label={label} hint={hint} error={err} announce={false}>
      <select id={id} name={name} defaultValue={typeof typed === "string" ? typed : defaultValue} aria-invalid={err ? true : undefined} aria-describedby={err ? `${id}-error` : hint ? `${id}-hint` : undefined} className={inputClass}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

/** Radio or checkbox choices in a fieldset; each option may carry an explanation. */
export function ChoiceGroup({
  name,
  legend,
  options,
  type = "radio",
  defaultValue = [],
  emptyText,
}: {
  name: string;
  legend: string;
  options: { value: string; label: string; hint?: string }[];
  type?: "radio" | "checkbox";
  defaultValue?: string[];
  emptyText?: string;
}) {
  const { err } = useField(name);
  const id = `${useId()}-${name}`;
  return (
    <fieldset className="flex flex-col gap-2" aria-describedby={err ? `${id}-error` : undefined}>
      <legend className="mb-1 text-sm font-medium text-slate-800">{legend}</legend>
      {options.length === 0 && emptyText ? <p className="text-sm text-slate-700">{emptyText}</p> : null}
      {options.map((o, i) => (
        <div key={o.value} className="flex items-start gap-2">
          <input id={`${id}-${i}`} type={type} name={name} value={o.value} defaultChecked={defaultValue.includes(o.value)} className="mt-1 h-5 w-5 shrink-0" aria-describedby={o.hint ? `${id}-${i}-hint` : undefined} />
          <div className="min-w-0">
            <label htmlFor={`${id}-${i}`} className="text-base text-slate-900">
              {o.label}
            </label>
            {o.hint ? (
              <p id={`${id}-${i}-hint`} className="text-sm text-slate-700">
                {o.hint}
              </p>
            ) : null}
          </div>
        </div>
      ))}
      {err ? (
        <p id={`${id}-error`} className="text-sm font-medium text-red-800">
          {err}
        </p>
      ) : null}
    </fieldset>
  );
}

/** The service code picker: choosing a code fills in its default fee, which stays editable. */
export function CptAndFee({ codes }: { codes: { code: string; description: string; defaultFee: string }[] }) {
  const cpt = useField("cptCode");
  const fee = useField("fee");
  const initialCode = typeof cpt.typed === "string" ? cpt.typed : (codes[0]?.code ?? "");
  const [code, setCode] = useState(initialCode);
  const [amount, setAmount] = useState(typeof fee.typed === "string" ? fee.typed : (codes.find((c) => c.code === initialCode)?.defaultFee ?? ""));
  const id = useId();
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
          aria-invalid={cpt.err ? true : undefined}
          className={inputClass}
        >
          {codes.map((c) => (
            <option key={c.code} value={c.code}>
              {c.code} — {c.description}
            </option>
          ))}
        </select>
        {cpt.err ? <p className="text-sm font-medium text-red-800">{cpt.err}</p> : null}
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
          aria-invalid={fee.err ? true : undefined}
          aria-describedby={fee.err ? `${id}-fee-error` : undefined}
          className={inputClass}
        />
        {fee.err ? (
          <p id={`${id}-fee-error`} className="text-sm font-medium text-red-800">
            {fee.err}
          </p>
        ) : null}
      </div>
    </>
  );
}
