import type { PortalUser } from "@/lib/auth/portal-access";
import { MANAGED_BY_ADMIN } from "@/lib/profiles/schemas";
import { PortalAccessButtons } from "@/components/auth/portal-access-buttons";
import { RELATIONSHIP_LABEL } from "@/lib/profiles/labels";
import { formatDateTime } from "@/lib/core/time";

/**
 * The portal users of one profile, with their sign-in state and the clinician's buttons (welcome email, PIN
 * and revoke: docs/product.md, Sign-in rules 1, 5 and 7). The page loads the users through lib/auth/portal-access.ts (scoped to the actor) and passes them in.
 */
export function PortalAccessPanel({
  profileId,
  users,
  timeZone,
}: {
  profileId: string;
  users: PortalUser[];
  timeZone: string;
}) {
  const when = (d: Date) => formatDateTime(d, timeZone);
  const status = (u: PortalUser) =>
    u.status === "managed_by_admin"
      ? "Managed by the practice admin"
      : u.status === "revoked"
        ? "Access revoked"
        : u.status === "active"
          ? "Active"
          : u.status === "invited" && u.invitedAt
            ? `Invited on ${when(u.invitedAt)}`
            : "Not invited";
  return (
    <section aria-labelledby="portal-access-heading" className="flex flex-col gap-3">
      <h2 id="portal-access-heading" className="text-xl font-semibold">
        Portal access
      </h2>
      {users.length === 0 ? (
        <p className="text-slate-700">No one has portal access to this profile yet.</p>
      ) : (
        <ul className="flex flex-col gap-3">
          {users.map((u) => (
            <li
              key={u.userId}
              className="flex flex-col gap-3 rounded-lg border border-slate-300 bg-white p-4"
              data-testid="portal-user"
            >
              <div className="min-w-0">
                <p className="font-semibold text-slate-900">
                  {u.name ?? u.email}{" "}
                  <span className="font-normal text-slate-700">({RELATIONSHIP_LABEL[u.relationship]})</span>
                </p>
                {u.name ? <p className="break-all text-sm text-slate-700">{u.email}</p> : null}
                <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 text-sm text-slate-800">
                  <dt className="font-medium">Status</dt>
                  <dd data-testid="portal-status">{status(u)}</dd>
                  {u.canManage ? (
                    <>
                      <dt className="font-medium">Last sign-in</dt>
                      <dd>{u.lastSignInAt ? when(u.lastSignInAt) : "Never"}</dd>
                    </>
                  ) : null}
                  {u.invitedAt && u.status !== "invited" ? (
                    <>
                      <dt className="font-medium">Invited</dt>
                      <dd>{when(u.invitedAt)}</dd>
                    </>
                  ) : null}
                </dl>
              </div>
              {u.canManage ? (
                <PortalAccessButtons
                  profileId={profileId}
                  userId={u.userId}
                  active={u.status !== "revoked"}
                  personLabel={u.name ?? u.email}
                />
              ) : (
                <p className="text-sm text-slate-800" data-testid="portal-managed-by-admin">
                  {MANAGED_BY_ADMIN}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
