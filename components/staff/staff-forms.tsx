"use client";

import {
  deactivateStaffAction,
  inviteClinicianAction,
  reactivateStaffAction,
  resendInviteAction,
  updateStaffAction,
} from "@/lib/staff/actions";
import { Button } from "@/components/ui/button";
import { ActionButton, useResultMessage } from "@/components/ui/action-form";
import { useZodForm } from "@/components/ui/use-zod-form";
import { inviteClinicianSchema, updateStaffSchema } from "@/lib/staff/schemas";
import type { ActionResult } from "@/lib/auth/action";
import type { z } from "zod";
import { FormError, Notice, TextField } from "@/components/ui/form-controls";
import { ConfirmButton } from "@/components/ui/confirm-button";

type Register = ReturnType<typeof useZodForm<typeof inviteClinicianSchema, unknown>>["register"];

const STAFF_FORM_CLASS = "flex flex-col gap-4 rounded-md border border-slate-200 bg-white p-4";

/** A clinician's details, in the order the invite and edit forms show them. */
const DETAIL_FIELDS = [
  { name: "name", label: "Name" },
  { name: "credentials", label: "Credentials (optional)", hint: "Like LCSW, PsyD, LPC" },
  { name: "npi", label: "Individual NPI (optional)", inputMode: "numeric", hint: "10 digits" },
  { name: "licenseNumber", label: "License number (optional)" },
  { name: "licenseState", label: "License state (optional)", maxLength: 2, hint: "2-letter code, like OR" },
] as const;

function StaffDetailFields({
  register,
  errors,
}: {
  register: Register;
  errors: Record<string, { message?: string } | undefined>;
}) {
  return (
    <>
      {DETAIL_FIELDS.map(({ name, ...field }) => (
        <TextField key={name} autoComplete="off" {...field} {...register(name)} error={errors[name]?.message} />
      ))}
    </>
  );
}

export function InviteClinicianForm() {
  const {
    register,
    onSubmit,
    formError,
    formState: { errors, isSubmitting },
  } = useZodForm(inviteClinicianSchema, {
    defaultValues: { email: "", name: "", credentials: "", npi: "", licenseNumber: "", licenseState: "" },
    submit: inviteClinicianAction,
  });
  return (
    <form onSubmit={onSubmit} noValidate className={STAFF_FORM_CLASS}>
      <FormError message={formError} />
      <TextField
        label="Email address"
        type="email"
        inputMode="email"
        autoComplete="off"
        {...register("email")}
        error={errors.email?.message}
      />
      <StaffDetailFields register={register} errors={errors as Record<string, { message?: string }>} />
      <Button type="submit" disabled={isSubmitting}>
        {isSubmitting ? "Sending…" : "Invite clinician"}
      </Button>
    </form>
  );
}

export function StaffDetailsForm({ defaults }: { defaults: z.input<typeof updateStaffSchema> }) {
  const {
    register,
    onSubmit,
    formError,
    saved,
    formState: { errors, isSubmitting },
  } = useZodForm(updateStaffSchema, { defaultValues: defaults, submit: updateStaffAction });
  return (
    <form onSubmit={onSubmit} noValidate className={STAFF_FORM_CLASS}>
      <FormError message={formError} />
      {saved ? <Notice>Saved.</Notice> : null}
      <input type="hidden" {...register("userId")} />
      <StaffDetailFields
        register={register as unknown as Register}
        errors={errors as Record<string, { message?: string }>}
      />
      <Button type="submit" disabled={isSubmitting}>
        {isSubmitting ? "Saving…" : "Save details"}
      </Button>
    </form>
  );
}

/** Deactivate / reactivate / re-invite one staff account; the latest outcome is shown above the buttons. */
export function StaffAccountButtons({
  userId,
  active,
  canInvite,
  isSelf,
}: {
  userId: string;
  active: boolean;
  canInvite: boolean;
  isSelf: boolean;
}) {
  const [message, setMessage] = useResultMessage();
  const onResult = (r: ActionResult<{ message: string }>) =>
    setMessage(r.ok ? { kind: "ok", text: r.data.message } : { kind: "error", text: r.error });
  const common = { hidden: { userId }, onResult, showResult: false, className: "" };
  return (
    <div className="flex flex-col gap-3">
      {message ? message.kind === "ok" ? <Notice>{message.text}</Notice> : <FormError message={message.text} /> : null}
      <div className="flex flex-wrap gap-2">
        {canInvite && active ? (
          <ActionButton
            action={resendInviteAction}
            submitLabel="Send invitation again"
            variant="secondary"
            {...common}
          />
        ) : null}
        {isSelf ? null : active ? (
          <ConfirmButton
            action={deactivateStaffAction}
            submitLabel="Deactivate account"
            question="Deactivate this account?"
            consequence="They are signed out at once and cannot sign in until the account is reactivated. Their clients stay with the practice."
            {...common}
          />
        ) : (
          <ActionButton
            action={reactivateStaffAction}
            submitLabel="Reactivate account"
            variant="secondary"
            {...common}
          />
        )}
      </div>
    </div>
  );
}
