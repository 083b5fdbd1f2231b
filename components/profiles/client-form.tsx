"use client";

import { useFieldArray, useWatch } from "react-hook-form";
import { useZodForm } from "@/components/ui/use-zod-form";
import type { z } from "zod";
import { Button } from "@/components/ui/button";
import { FormError, SelectField, TextareaField, TextField } from "@/components/ui/form-controls";
import { ALLOWED_RELATIONSHIPS, clientProfileSchema, type ClientProfileInput } from "@/lib/profiles/schemas";
import type { ActionResult } from "@/lib/auth/action";
import { PROFILE_TYPE_LABEL, RELATIONSHIP_LABEL } from "@/lib/profiles/labels";

type Input = z.input<typeof clientProfileSchema>;

/**
 * Create and edit a client profile (docs/product.md, People). The same zod schema validates here and in the server action;
 * server-side field errors (e.g. a staff address) are put back on their fields and nothing typed is lost.
 */
export function ClientForm({
  defaults,
  clinicians,
  submitLabel,
  onSubmitAction,
  today,
}: {
  defaults: ClientProfileInput;
  clinicians: { id: string; name: string | null; email: string }[] | null;
  submitLabel: string;
  onSubmitAction: (values: ClientProfileInput) => Promise<ActionResult<unknown>>;
  today: string;
}) {
  const {
    register,
    control,
    onSubmit,
    formError,
    formState: { errors, isSubmitting },
  } = useZodForm(clientProfileSchema, {
    defaultValues: defaults as Input,
    submit: onSubmitAction as (v: Input) => Promise<ActionResult<unknown>>,
    fieldPath: (k) => k.replace(/^data\./, ""),
  });
  const { fields, append, remove } = useFieldArray({ control, name: "users" });
  const type = useWatch({ control, name: "type" });
  const allowed = ALLOWED_RELATIONSHIPS[type ?? "individual"] ?? ["self"];

  const usersRootError =
    (errors.users as { message?: string; root?: { message?: string } } | undefined)?.root?.message ??
    (errors.users as { message?: string } | undefined)?.message;

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-6">
      <FormError message={formError} />
      <fieldset className="flex flex-col gap-4 rounded-md border border-slate-200 bg-white p-4">
        <legend className="px-1 font-semibold">Client</legend>
        <SelectField label="Type" {...register("type")} error={errors.type?.message}>
          {(["individual", "couple", "minor"] as const).map((t) => (
            <option key={t} value={t}>
              {PROFILE_TYPE_LABEL[t]}
            </option>
          ))}
        </SelectField>
        <TextField label="Legal name" autoComplete="off" {...register("legalName")} error={errors.legalName?.message} />
        <TextField
          label="Preferred name (optional)"
          autoComplete="off"
          {...register("preferredName")}
          error={errors.preferredName?.message}
        />
        <TextField
          label="Date of birth (optional)"
          type="date"
          max={today}
          {...register("dateOfBirth")}
          error={errors.dateOfBirth?.message}
        />
        <TextField
          label="Phone (optional)"
          type="tel"
          autoComplete="off"
          {...register("phone")}
          error={errors.phone?.message}
        />
        <TextareaField label="Address (optional)" {...register("address")} error={errors.address?.message} />
        <TextField
          label="Insurance member ID (optional)"
          autoComplete="off"
          {...register("insuranceMemberId")}
          error={errors.insuranceMemberId?.message}
        />
        <TextField
          label="ICD-10 diagnosis codes (optional)"
          autoComplete="off"
          hint="Separate codes with commas, like F41.1, F32.A"
          {...register("diagnosisCodes")}
          error={errors.diagnosisCodes?.message}
        />
        {clinicians ? (
          <SelectField label="Clinician" {...register("clinicianId")} error={errors.clinicianId?.message}>
            <option value="">Choose a clinician</option>
            {clinicians.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name ?? c.email}
              </option>
            ))}
          </SelectField>
        ) : null}
      </fieldset>

      <fieldset
        className="flex flex-col gap-4 rounded-md border border-slate-200 bg-white p-4"
        aria-describedby="users-hint"
      >
        <legend className="px-1 font-semibold">Portal users</legend>
        <p id="users-hint" className="text-sm text-slate-700">
          {type === "minor"
            ? "A minor's profile needs at least one guardian."
            : type === "couple"
              ? "A couple's profile has two partners."
              : "The client's own email address, if they will use the portal."}{" "}
          An address already known to the portal is reused: one email is one login.
        </p>
        {fields.map((f, i) => (
          <div
            key={f.id}
            className="flex flex-col gap-3 rounded-md border border-slate-200 p-3"
            data-testid="portal-user-row"
          >
            <TextField
              label={`Email of portal user ${i + 1}`}
              type="email"
              autoComplete="off"
              inputMode="email"
              {...register(`users.${i}.email` as const)}
              error={errors.users?.[i]?.email?.message}
            />
            <SelectField
              label={`Relationship of portal user ${i + 1}`}
              {...register(`users.${i}.relationship` as const)}
              error={errors.users?.[i]?.relationship?.message}
            >
              {(["self", "partner", "guardian"] as const).map((r) => (
                <option key={r} value={r}>
                  {RELATIONSHIP_LABEL[r]}
                </option>
              ))}
            </SelectField>
            <Button type="button" variant="secondary" onClick={() => remove(i)}>
              Remove portal user {i + 1}
            </Button>
          </div>
        ))}
        {usersRootError ? (
          <p className="text-sm font-medium text-red-800" role="alert">
            {usersRootError}
          </p>
        ) : null}
        <Button type="button" variant="secondary" onClick={() => append({ email: "", relationship: allowed[0] })}>
          Add portal user
        </Button>
      </fieldset>

      <Button type="submit" disabled={isSubmitting}>
        {isSubmitting ? "Saving…" : submitLabel}
      </Button>
    </form>
  );
}
