"use client";

import { useCallback, useRef, useState } from "react";
import {
  get,
  useForm,
  type DefaultValues,
  type FieldPath,
  type FieldValues,
  type RegisterOptions,
  type Resolver,
} from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import type { ActionResult } from "@/lib/auth/action";

/**
 * react-hook-form + zodResolver for forms that validate in the browser (the second sanctioned way; see
 * components/ui/action-form.tsx). The same zod schema validates here and in the server action. What was typed is
 * sent as is (the action parses it again), server field errors are put back on their fields and the form-level
 * message is returned as `formError` for `<FormError>`.
 */
export function useZodForm<S extends z.ZodType<FieldValues, FieldValues>, R>(
  schema: S,
  opts: {
    defaultValues: DefaultValues<z.input<S>>;
    submit: (values: z.input<S>) => Promise<ActionResult<R>>;
    onSuccess?: (data: R) => void;
    /** Maps a server field-error key to a form path (e.g. "data.legalName" → "legalName"). */
    fieldPath?: (key: string) => string;
  },
) {
  const [formError, setFormError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const form = useForm<z.input<S>, unknown, z.output<S>>({
    resolver: zodResolver(schema as never) as unknown as Resolver<z.input<S>, unknown, z.output<S>>,
    defaultValues: opts.defaultValues,
    mode: "onTouched",
  });
  const onValid = async () => {
    setFormError(null);
    setSaved(false);
    const r = await opts.submit(form.getValues());
    if (r && !r.ok) {
      setFormError(r.error);
      for (const [key, messages] of Object.entries(r.fieldErrors ?? {})) {
        const path = opts.fieldPath ? opts.fieldPath(key) : key;
        if (path === "_form") continue;
        form.setError(path as FieldPath<z.input<S>>, { type: "server", message: messages[0] });
      }
      return;
    }
    // A create action may redirect (no result); only a returned success counts as saved.
    if (r?.ok) {
      setSaved(true);
      opts.onSuccess?.(r.data);
    }
  };
  const onSubmit = form.handleSubmit(onValid, () => setFormError("Please correct the highlighted fields."));
  const register = useSsrRegister(form, opts.defaultValues);
  return { ...form, register, formError, saved, onSubmit };
}

type Form<T extends FieldValues> = Pick<ReturnType<typeof useForm<T, unknown, FieldValues>>, "register" | "setValue">;

/**
 * react-hook-form's `register` fills its inputs only once its script runs, so the server's HTML had empty fields
 * and anything typed before hydration was then overwritten with the defaults. This `register` also renders the
 * default as the input's `defaultValue` (in the server HTML), and when the script attaches it keeps whatever the
 * person already typed instead of resetting it (docs/decisions.md, Navigation and polish: Forms render filled).
 */
function useSsrRegister<T extends FieldValues>(form: Form<T>, defaults: DefaultValues<T> | undefined) {
  const attached = useRef(new Set<string>());
  const { register, setValue } = form;
  return useCallback(
    (name: FieldPath<T>, options?: RegisterOptions<T, FieldPath<T>>) => {
      const r = register(name, options);
      const initial: unknown = get(defaults, name);
      const defaultValue = typeof initial === "string" || typeof initial === "number" ? String(initial) : undefined;
      return {
        ...r,
        defaultValue,
        ref: (el: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement | null) => {
          const first = el && !attached.current.has(name);
          const typed =
            first &&
            defaultValue !== undefined &&
            !(el instanceof HTMLInputElement && /^(file|checkbox|radio)$/.test(el.type))
              ? el.value
              : undefined;
          r.ref(el);
          if (!el || !first) return;
          attached.current.add(name);
          // Typed before the script ran: keep it (and mark it as changed), not the default.
          if (typed !== undefined && typed !== defaultValue) setValue(name, typed as never, { shouldDirty: true });
        },
      };
    },
    [register, setValue, defaults],
  );
}
