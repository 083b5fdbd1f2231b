import { requirePagePrincipal } from "@/lib/auth/guards";
import { listServiceCodes } from "@/lib/billing/catalogue";
import { centsToInput } from "@/lib/billing/money";
import { ActionForm } from "@/components/ui/action-form";
import { ChoiceGroup, TextField } from "@/components/ui/form-controls";
import { Section } from "@/components/ui/section";
import { saveServiceCodeAction } from "@/lib/billing/actions";

export const dynamic = "force-dynamic";
export const metadata = { title: "Billing settings" };

/** The service code catalogue with default fees (docs/product.md, Billing: services rendered). Fees apply to services recorded from now on. */
export default async function AdminBillingPage() {
  await requirePagePrincipal("admin");
  const codes = await listServiceCodes();
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-bold">Billing: service codes</h1>
        <p className="text-slate-700">
          Default fees fill in when a clinician records a service; they can still change the fee for one service.
          Changing a fee here does not change services already recorded.
        </p>
      </div>
      {codes.map((c) => (
        <Section key={c.code} title={`${c.code}${c.active ? "" : " (not offered)"}`} id={`code-${c.code}`}>
          <ActionForm
            action={saveServiceCodeAction}
            submitLabel={`Save ${c.code}`}
            hidden={{ code: c.code }}
            successMessage="Saved."
            className="flex flex-col gap-3"
          >
            <TextField name="description" label={`Description of ${c.code}`} defaultValue={c.description} />
            <TextField
              name="defaultFee"
              label={`Default fee for ${c.code} ($)`}
              inputMode="decimal"
              defaultValue={centsToInput(c.defaultFeeCents)}
            />
            <ChoiceGroup
              name="active"
              type="checkbox"
              legend="Availability"
              options={[{ value: "on", label: `Offer ${c.code} when recording services` }]}
              defaultValue={c.active ? ["on"] : []}
            />
          </ActionForm>
        </Section>
      ))}
      <Section title="Add a service code" id="add-code">
        <ActionForm
          action={saveServiceCodeAction}
          submitLabel="Add service code"
          successMessage="Added."
          hidden={{ active: "on" }}
        >
          <TextField name="code" label="CPT code" inputMode="numeric" />
          <TextField name="description" label="Description" />
          <TextField name="defaultFee" label="Default fee ($)" inputMode="decimal" />
        </ActionForm>
      </Section>
    </div>
  );
}
