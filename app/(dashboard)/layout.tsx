import { SiteHeader } from "@/components/site-header";
import { SignOutButton } from "@/components/sign-out-button";
import { IdleWarning } from "@/components/idle-warning";
import { requirePagePrincipal } from "@/lib/auth/guards";
import { getPracticeSettings } from "@/lib/practice/settings";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  await requirePagePrincipal("staff");
  const practice = await getPracticeSettings();
  return (
    <>
      <SiteHeader practiceName={practice.name} logoDataUrl={practice.logoDataUrl} home="/dashboard">
        <SignOutButton />
      </SiteHeader>
      <IdleWarning />
      <main id="main" className="mx-auto w-full max-w-5xl px-4 py-6">
        {children}
      </main>
    </>
  );
}
