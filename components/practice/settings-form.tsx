"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { useZodForm } from "@/components/ui/use-zod-form";
import type { z } from "zod";
import { saveSettingsAction } from "@/lib/practice/actions";
import { Button } from "@/components/ui/button";
import { COMMON_TIME_ZONES, practiceSettingsSchema, type PracticeSettingsInput } from "@/lib/practice/schemas";
import { LOGO_MAX_BYTES } from "@/lib/practice/logo";
import { FormError, Notice, SelectField, TextareaField, TextField } from "@/components/ui/form-controls";

type Input = z.input<typeof practiceSettingsSchema>;

/** Practice settings (admin). Field errors at the field; nothing typed is lost after an error. */
export function SettingsForm({
  defaults,
  currentLogo,
  defaultCrisisText,
}: {
  defaults: PracticeSettingsInput;
  currentLogo: string | null;
  /** Shown as the hint: what clients see while the crisis text is blank. */
  defaultCrisisText: string;
}) {
  const [logoPreview, setLogoPreview] = useState<string | null>(currentLogo);
  const router = useRouter();
  const {
    register,
    setValue,
    setError,
    onSubmit,
    formError,
    saved,
    formState: { errors, isSubmitting },
  } = useZodForm(practiceSettingsSchema, {
    defaultValues: defaults as Input,
    submit: saveSettingsAction,
    // The header, tab title and icon show the new name and logo at once, without a full reload.
    onSuccess: () => {
      setValue("logo", "");
      router.refresh();
    },
  });
  const zones = COMMON_TIME_ZONES.includes(defaults.timeZone as string)
    ? COMMON_TIME_ZONES
    : [defaults.timeZone as string, ...COMMON_TIME_ZONES];

  const onLogo = (file: File | undefined) => {
    if (!file) return;
    if (file.size > LOGO_MAX_BYTES) {
      setError("logo", { type: "size", message: `The logo is too large (at most ${LOGO_MAX_BYTES / 1024} KB).` });
      return;
    }
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      setValue("logo", url, { shouldValidate: true });
      setLogoPreview(url);
    };
    reader.readAsDataURL(file);
  };

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-6">
      <FormError message={formError} />
      {saved ? <Notice>Settings saved.</Notice> : null}
      <fieldset className="flex flex-col gap-4 rounded-md border border-slate-200 bg-white p-4">
        <legend className="px-1 font-semibold">Practice</legend>
        <TextField label="Practice name" {...register("name")} error={errors.name?.message} />
        <TextField label="Legal name (optional)" {...register("legalName")} error={errors.legalName?.message} />
        <TextField label="Phone" type="tel" {...register("phone")} error={errors.phone?.message} />
        <SelectField label="Time zone" {...register("timeZone")} error={errors.timeZone?.message}>
          {zones.map((z) => (
            <option key={z} value={z}>
              {z}
            </option>
          ))}
        </SelectField>
      </fieldset>
      <fieldset className="flex flex-col gap-4 rounded-md border border-slate-200 bg-white p-4">
        <legend className="px-1 font-semibold">Address</legend>
        <TextField label="Address line 1" {...register("addressLine1")} error={errors.addressLine1?.message} />
        <TextField
          label="Address line 2 (optional)"
          {...register("addressLine2")}
          error={errors.addressLine2?.message}
        />
        <TextField label="City" {...register("city")} error={errors.city?.message} />
        <TextField label="State" maxLength={2} {...register("state")} error={errors.state?.message} />
        <TextField
          label="ZIP code"
          inputMode="numeric"
          {...register("postalCode")}
          error={errors.postalCode?.message}
        />
      </fieldset>
      <fieldset className="flex flex-col gap-4 rounded-md border border-slate-200 bg-white p-4">
        <legend className="px-1 font-semibold">Billing identifiers</legend>
        <TextField
          label="EIN (tax ID)"
          hint="9 digits, like 93-1234567"
          {...register("ein")}
          error={errors.ein?.message}
        />
        <TextField
          label="Organization NPI"
          inputMode="numeric"
          hint="10 digits; leave blank if the practice has none"
          {...register("organizationNpi")}
          error={errors.organizationNpi?.message}
        />
      </fieldset>
      <fieldset className="flex flex-col gap-4 rounded-md border border-slate-200 bg-white p-4">
        <legend className="px-1 font-semibold">Safety</legend>
        <TextareaField
          label="Crisis text"
          hint={`Shown to a client after a PHQ-9 safety answer, above 988, 911 and the practice phone. Leave blank for: "${defaultCrisisText}"`}
          rows={4}
          {...register("crisisText")}
          error={errors.crisisText?.message}
        />
        <SelectField
          label="Client messaging"
          hint="Off: clients see that messaging is not available and are asked to call the office. Staff can still write."
          options={[
            { value: "on", label: "On: clients can send secure messages" },
            { value: "off", label: "Off: clients are asked to call the office" },
          ]}
          {...register("clientMessaging")}
          error={errors.clientMessaging?.message}
        />
      </fieldset>
      <fieldset className="flex flex-col gap-4 rounded-md border border-slate-200 bg-white p-4">
        <legend className="px-1 font-semibold">Appointments</legend>
        <TextField
          label="Cancellation window (hours)"
          hint="Clients can cancel in the portal until this many hours before the start; later, they are asked to call the office."
          type="number"
          min={0}
          max={168}
          inputMode="numeric"
          {...register("cancellationWindowHours")}
          error={errors.cancellationWindowHours?.message}
        />
        <TextareaField
          label="Cancellation policy"
          hint="Shown to clients beside Cancel. Leave blank for a sentence built from the window."
          rows={3}
          {...register("cancellationPolicy")}
          error={errors.cancellationPolicy?.message}
        />
        <TextField
          label="Reminder email (hours before)"
          type="number"
          min={1}
          max={168}
          inputMode="numeric"
          {...register("reminderLeadHours")}
          error={errors.reminderLeadHours?.message}
        />
        <TextField
          label="Video link shown (minutes before)"
          hint="The telehealth link appears in the portal this long before the start, never in an email."
          type="number"
          min={0}
          max={120}
          inputMode="numeric"
          {...register("telehealthLinkMinutes")}
          error={errors.telehealthLinkMinutes?.message}
        />
      </fieldset>
      <fieldset className="flex flex-col gap-4 rounded-md border border-slate-200 bg-white p-4">
        <legend className="px-1 font-semibold">Files and logo</legend>
        <TextField
          label="Upload size limit (MB)"
          type="number"
          min={1}
          max={100}
          inputMode="numeric"
          {...register("uploadLimitMb")}
          error={errors.uploadLimitMb?.message}
        />
        <div className="flex flex-col gap-2">
          {logoPreview ? (
            // eslint-disable-next-line @next/next/no-img-element
            <img
              src={logoPreview}
              alt="Current logo"
              className="h-16 w-16 rounded border border-slate-200 object-contain"
            />
          ) : (
            <p className="text-sm text-slate-700">No logo yet.</p>
          )}
          <TextField
            label="Logo (PNG or JPEG, up to 200 KB)"
            name="logoFile"
            type="file"
            accept="image/png,image/jpeg"
            onChange={(e) => onLogo(e.currentTarget.files?.[0])}
            error={errors.logo?.message}
          />
          {logoPreview ? (
            <Button
              type="button"
              variant="secondary"
              className="self-start"
              onClick={() => {
                setValue("logo", "remove");
                setLogoPreview(null);
              }}
            >
              Remove logo
            </Button>
          ) : null}
        </div>
      </fieldset>
      <Button type="submit" disabled={isSubmitting}>
        {isSubmitting ? "Saving…" : "Save settings"}
      </Button>
    </form>
  );
}
