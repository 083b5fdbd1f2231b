"use client";

import { useState } from "react";
import { useForm, type DefaultValues, type FieldPath, type FieldValues, type Resolver } from "react-hook-form";
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
  return { ...form, formError, saved, onSubmit };
}
