import { requirePagePrincipal } from "@/lib/auth/guards";
import { pickerFor } from "@/lib/auth/profile-switch";
import { MY_RELATIONSHIP_LABEL, PROFILE_TYPE_LABEL } from "@/lib/profiles/labels";
import { ProfileInitials, SwitchProfileForm } from "@/components/shell/profile-switcher";

export const dynamic = "force-dynamic";
export const metadata = { title: "Choose a profile" };

/** The profile picker: one icon per profile, with its name and the user's relationship (docs/product.md, Profiles). */
export default async function ProfilePickerPage() {
  const principal = await requirePagePrincipal("client");
  const { profiles, lostActive } = await pickerFor(principal);
  return (
    <div className="flex flex-col gap-5">
      <h1 className="text-2xl font-bold">Choose a profile</h1>
      {lostActive ? (
        <p role="status" className="rounded-md border border-amber-700 bg-amber-50 p-3 text-amber-900">
          You no longer have access to the profile you were using. Choose another one below.
        </p>
      ) : null}
      {profiles.length === 0 ? (
        <p className="text-slate-700">
          There are no profiles for your account right now. Please call your provider&apos;s office.
        </p>
      ) : (
        <>
          <p className="text-slate-700">
            Select the profile you want to manage. You can switch at any time from the top of the page.
          </p>
          <ul className="grid gap-3 sm:grid-cols-2" aria-label="Your profiles">
            {profiles.map((p) => (
              <li key={p.id}>
                <SwitchProfileForm
                  profileId={p.id}
                  className="flex min-h-20 w-full items-center gap-4 rounded-lg border border-slate-300 bg-white p-4 text-left hover:border-brand-700 hover:bg-brand-50 focus-visible:outline-2 focus-visible:outline-brand-700"
                >
                  <ProfileInitials name={p.name} type={p.type} />
                  <span className="flex min-w-0 flex-col">
                    <span className="text-lg font-semibold text-slate-900">{p.name}</span>
                    <span className="text-sm text-slate-700">
                      {PROFILE_TYPE_LABEL[p.type]} · {MY_RELATIONSHIP_LABEL[p.relationship]}
                    </span>
                  </span>
                </SwitchProfileForm>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
