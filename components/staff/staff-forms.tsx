"use client";

import { useActionState, useState } from "react";
import { useForm, type FieldPath } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { deactivateStaffAction, inviteClinicianAction, reactivateStaffAction, resendInviteAction, updateStaffAction } from "@/lib/staff/actions";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { inviteClinicianSchema, updateStaffSchema } from "@/lib/staff/schemas";
import type { ActionResult } from "@/lib/auth/action";
import { FormError, Notice } from "@/components/ui/form-controls";

type InviteIn = z.input<typeof inviteClinicianSchema>;
type UpdateIn = z.input<typeof updateStaffSchema>;

function StaffDetailFields<T extends InviteIn | UpdateIn>({ register, errors }: { register: ReturnType<typeof useForm<T>>["register"]; errors: Record<string, { message?: string } | undefined> }) {
  const r = register as unknown as ReturnType<typeof useForm<InviteIn>>["register"];
  return (
    <>
      <Field label="Name" autoComplete="off" {...r("name")} error={errors.name?.message} />
      <Field label="Credentials (optional)" hint="Like LCSW, PsyD, LPC" autoComplete="off" {...r("credentials")} error={errors.credentials?.message} />
      <Field label="Individual NPI (optional)" inputMode="numeric" hint="10 digits" autoComplete="off" {...r("npi")} error={errors.npi?.message} />
      <Field label="Licence number (optional)" autoComplete="off" {...r("licenseNumber")} error={errors.licenseNumber?.message} />
      <Field label="Licence state (optional)" maxLength={2} hint="2-letter code, like OR" autoComplete="off" {...r("licenseState")} error={errors.licenseState?.message} />
    </>
  );
}

export function InviteClinicianForm() {
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    getValues,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<InviteIn, unknown, z.output<typeof inviteClinicianSchema>>({
    resolver: zodResolver(inviteClinicianSchema),
    defaultValues: { email: "", name: "", credentials: "", npi: "", licenseNumber: "", licenseState: "" },
    mode: "onTouched",
  });
  const onValid = async () => {
    setFormError(null);
    const r = await inviteClinicianAction(getValues());
    if (r && !r.ok) {
      setFormError(r.error);
      for (const [k, m] of Object.entries(r.fieldErrors ?? {})) if (k !== "_form") setError(k as FieldPath<InviteIn>, { type: "server", message: m[0] });
    }
  };
  return (
    <form onSubmit={handleSubmit(onValid, () => setFormError("Please correct the highlighted fields."))} noValidate className="flex flex-col gap-4 rounded-md border border-slate-200 bg-white p-4">
      <FormError message={formError} />
      <Field label="Email address" type="email" inputMode="email" autoComplete="off" {...register("email")} error={errors.email?.message} />
      <StaffDetailFields register={register} errors={errors as Record<string, { message?: string }>} />
      <Button type="submit" disabled={isSubmitting}>
        {isSubmitting ? "Sending…" : "Invite clinician"}
      </Button>
    </form>
  );
}

export function StaffDetailsForm({ defaults }: { defaults: UpdateIn }) {
  const [formError, setFormError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const {
    register,
    handleSubmit,
    getValues,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<UpdateIn, unknown, z.output<typeof updateStaffSchema>>({ resolver: zodResolver(updateStaffSchema), defaultValues: defaults, mode: "onTouched" });
  const onValid = async () => {
    setFormError(null);
    setSaved(false);
    const r = await updateStaffAction(getValues());
    if (!r.ok) {
      setFormError(r.error);
      for (const [k, m] of Object.entries(r.fieldErrors ?? {})) if (k !== "_form") setError(k as FieldPath<UpdateIn>, { type: "server", message: m[0] });
    } else setSaved(true);
  };
  return (
    <form onSubmit={handleSubmit(onValid, () => setFormError("Please correct the highlighted fields."))} noValidate className="flex flex-col gap-4 rounded-md border border-slate-200 bg-white p-4">
      <FormError message={formError} />
      {saved ? <Notice>Saved.</Notice> : null}
      <input type="hidden" {...register("userId")} />
      <StaffDetailFields register={register} errors={errors as Record<string, { message?: string }>} />
      <Button type="submit" disabled={isSubmitting}>
        {isSubmitting ? "Saving…" : "Save details"}
      </Button>
    </form>
  );
}

type Msg = ActionResult<{ message: string }> | null;
function useIdAction(action: (i: { userId: string }) => Promise<ActionResult<{ message: string }>>, userId: string) {
  return useActionState(async (_p: Msg) => action({ userId }), null);
}

export function StaffAccountButtons({ userId, active, canInvite, isSelf }: { userId: string; active: boolean; canInvite: boolean; isSelf: boolean }) {
  const [deact, doDeact, p1] = useIdAction(deactivateStaffAction, userId);
  const [react, doReact, p2] = useIdAction(reactivateStaffAction, userId);
  const [inv, doInv, p3] = useIdAction(resendInviteAction, userId);
  const state = [deact, react, inv].find((s) => s) ?? null;
  return (
    <div className="flex flex-col gap-3">
      {state ? state.ok ? <Notice>{state.data.message}</Notice> : <FormError message={state.error} /> : null}
      <div className="flex flex-wrap gap-2">
        {canInvite && active ? (
          <form action={doInv}>
            <Button type="submit" variant="secondary" disabled={p3}>
              Send invitation again
            </Button>
          </form>
        ) : null}
        {isSelf ? null : active ? (
          <form action={doDeact}>
            <Button type="submit" variant="danger" disabled={p1}>
              Deactivate account
            </Button>
          </form>
        ) : (
          <form action={doReact}>
            <Button type="submit" variant="secondary" disabled={p2}>
              Reactivate account
            </Button>
          </form>
        )}
      </div>
    </div>
  );
}
