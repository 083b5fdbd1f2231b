import { requirePagePrincipal } from "@/lib/auth/guards";
import { getPracticeSettings } from "@/lib/practice/settings";
import { SettingsForm } from "@/components/practice/settings-form";
import { DEFAULT_CRISIS_TEXT } from "@/lib/forms/crisis";
import { logoHref } from "@/lib/practice/logo";

export const dynamic = "force-dynamic";
export const metadata = { title: "Practice settings" };

export default async function SettingsPage() {
  await requirePagePrincipal("admin");
  const s = await getPracticeSettings();
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">Practice settings</h1>
      <SettingsForm
        currentLogo={logoHref(s.logoDataUrl)}
        defaultCrisisText={DEFAULT_CRISIS_TEXT}
        defaults={{
          name: s.name,
          legalName: s.legalName ?? "",
          addressLine1: s.addressLine1 ?? "",
          addressLine2: s.addressLine2 ?? "",
          city: s.city ?? "",
          state: s.state ?? "",
          postalCode: s.postalCode ?? "",
          phone: s.phone ?? "",
          timeZone: s.timeZone,
          ein: s.ein ?? "",
          organizationNpi: s.organizationNpi ?? "",
          uploadLimitMb: String(s.uploadLimitMb),
          crisisText: s.crisisText ?? "",
          clientMessaging: s.clientMessaging ? "on" : "off",
          cancellationWindowHours: String(s.cancellationWindowHours),
          cancellationPolicy: s.cancellationPolicy ?? "",
          reminderLeadHours: String(s.reminderLeadHours),
          telehealthLinkMinutes: String(s.telehealthLinkMinutes),
          logo: "",
        }}
      />
    </div>
  );
}
