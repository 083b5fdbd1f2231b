import "server-only";
import { assertStaff, type StaffPrincipal } from "@/lib/core/principal";
import { findProfile } from "@/lib/profiles/access";
import { audit } from "@/lib/audit/write";
import { now } from "@/lib/core/clock";
import { getPracticeSettings } from "@/lib/practice/settings";
import { listServiceCodes } from "./catalogue";
import { listServices, serviceDefaults } from "./services";
import { listInvoices } from "./invoices";
import { listStatements } from "./statements";
import { listSuperbills } from "./superbills";
import { amountOwed } from "./money";
import { todayInZone } from "@/lib/core/time";

/** Everything the client's billing page shows, loaded through the scoped data layer; the view is audited. */
export async function getStaffBillingOverview(p: StaffPrincipal, profileId: string) {
  assertStaff(p);
  const profile = await findProfile(p, profileId);
  const [practice, codes, services, invoices, statements, superbills, defaults] = await Promise.all([
    getPracticeSettings(),
    listServiceCodes({ activeOnly: true }),
    listServices(p, profileId),
    listInvoices(p, profileId),
    listStatements(p, profileId),
    listSuperbills(p, profileId),
    serviceDefaults(p, profileId),
  ]);
  await audit({ action: "billing.view", actor: p, profileId, targetType: "profile", targetId: profileId });
  return {
    profile,
    codes,
    services,
    invoices,
    statements,
    superbills,
    serviceDefaults: defaults,
    today: todayInZone(now(), practice.timeZone),
    balanceDueCents: amountOwed(invoices),
  };
}
