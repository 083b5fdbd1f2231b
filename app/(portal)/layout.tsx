import Link from "next/link";
import { SiteHeader } from "@/components/shell/site-header";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { ProfileSwitcher } from "@/components/shell/profile-switcher";
import { IdleWarning } from "@/components/shell/idle-warning";
import { requirePagePrincipal } from "@/lib/auth/guards";
import { MY_RELATIONSHIP_LABEL, PROFILE_TYPE_LABEL } from "@/lib/profiles/labels";
import { listMyProfiles } from "@/lib/profiles/queries";
import { getPracticeSettings } from "@/lib/practice/settings";
import { loadIdleState } from "@/lib/auth/idle";
import { unreadCount } from "@/lib/messaging/messages";

const nav = [
  { href: "/portal", label: "Home" },
  { href: "/portal/appointments", label: "Appointments" },
  { href: "/portal/messages", label: "Messages" },
  { href: "/portal/forms", label: "Forms" },
  { href: "/portal/documents", label: "Documents" },
  { href: "/portal/billing", label: "Billing" },
  // The person's own sign-in (passkeys), not the profile's: docs/decisions.md "Second factor and passkeys".
  { href: "/portal/security", label: "Security" },
];

/**
 * The client's portal: header with the profile switcher (docs/product.md, Profiles) and navigation. The active
 * profile is re-checked on every request by the pages (requirePortalContext); one that is no longer reachable
 * shows as "Choose a profile" here and the pages send the user to the picker.
 */
export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const principal = await requirePagePrincipal("client");
  const [practice, profiles, idle, unread] = await Promise.all([
    getPracticeSettings(),
    listMyProfiles(principal),
    loadIdleState(),
    unreadCount(principal),
  ]);
  const choice = (p: (typeof profiles)[number]) => ({
    id: p.id,
    name: p.name,
    type: p.type,
    detail: `${PROFILE_TYPE_LABEL[p.type]} · ${MY_RELATIONSHIP_LABEL[p.relationship]}`,
  });
  const active = profiles.find((p) => p.id === principal.activeProfileId);
  return (
    <>
      <SiteHeader practiceName={practice.name} logoDataUrl={practice.logoDataUrl} home="/portal">
        {unread > 0 ? (
          <Link
            href="/portal/messages"
            data-testid="header-unread"
            className="inline-flex min-h-11 items-center rounded-md px-2 font-medium text-brand-800 underline underline-offset-2"
          >
            {unread} unread {unread === 1 ? "message" : "messages"}
          </Link>
        ) : null}
        <ProfileSwitcher
          userName={principal.name}
          active={active ? choice(active) : null}
          others={profiles.filter((p) => p.id !== active?.id).map(choice)}
        />
        <SignOutButton />
      </SiteHeader>
      {active ? (
        <nav aria-label="Portal" className="border-b border-slate-200 bg-white">
          <ul className="mx-auto flex max-w-5xl flex-wrap gap-x-1 px-2">
            {nav.map((n) => (
              <li key={n.href}>
                <Link
                  href={n.href}
                  className="inline-flex min-h-11 items-center px-2 font-medium text-brand-800 hover:underline"
                >
                  {n.label}
                  {n.href === "/portal/messages" && unread > 0 ? (
                    <span
                      data-testid="nav-unread"
                      className="ml-1 rounded-full bg-brand-700 px-2 text-sm font-semibold text-white"
                    >
                      {unread}
                      <span className="sr-only"> unread</span>
                    </span>
                  ) : null}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      <IdleWarning idle={idle} />
      <main id="main" className="mx-auto w-full max-w-5xl px-4 py-6">
        {children}
      </main>
    </>
  );
}
