import { SiteHeader } from "@/components/shell/site-header";
import { PhoneLink } from "@/components/ui/phone-link";
import { getPracticeSettings } from "@/lib/practice/settings";

export default async function PublicLayout({ children }: { children: React.ReactNode }) {
  const practice = await getPracticeSettings();
  return (
    <>
      <SiteHeader practiceName={practice.name} logoDataUrl={practice.logoDataUrl} />
      <main id="main" className="mx-auto w-full max-w-xl px-4 py-8">
        {children}
      </main>
      <footer className="mx-auto max-w-xl px-4 pb-8 text-sm text-slate-600">
        {practice.phone ? (
          <p>
            Office phone: <PhoneLink phone={practice.phone} />
          </p>
        ) : null}
      </footer>
    </>
  );
}
