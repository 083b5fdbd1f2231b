import { NotFoundError, UnauthenticatedError } from "@/lib/core/errors";

export type Role = "client" | "clinician" | "admin";

/** Who is acting. Every data-layer function that reads or writes PHI takes one (docs/decisions.md, Code conventions: Data-layer authorisation). */
export type Principal = {
  userId: string;
  email: string;
  name: string | null;
  role: Role;
  sessionId: string;
  /** The client's active profile, re-checked against profile_access on every request. */
  activeProfileId: string | null;
};

/**
 * Principals narrowed by role. A staff-only data function takes a `StaffPrincipal`, a client-only one a
 * `ClientPrincipal`, so calling one with the other role does not compile; the functions still re-check the role
 * at run time (`assertStaff` …), because a principal can be built anywhere. The only ways to get a narrowed
 * principal are these asserts, `defineAction`/`defineRoute` with `who`, and `requirePagePrincipal`.
 */
export type StaffPrincipal = Principal & { role: "clinician" | "admin" };
export type AdminPrincipal = Principal & { role: "admin" };
export type ClientPrincipal = Principal & { role: "client" };

export const isStaff = (p: Pick<Principal, "role">): p is Pick<StaffPrincipal, "role"> =>
  p.role === "clinician" || p.role === "admin";
export const isAdmin = (p: Pick<Principal, "role">): p is Pick<AdminPrincipal, "role"> => p.role === "admin";

// One wrong-role answer everywhere: not found (404), as for what is not yours; nothing tells a client that a
// staff page or function exists.
export function assertSignedIn(p: Principal | null): asserts p is Principal {
  if (!p) throw new UnauthenticatedError();
}
export function assertStaff(p: Principal | null): asserts p is StaffPrincipal {
  assertSignedIn(p);
  if (!isStaff(p)) throw new NotFoundError();
}
export function assertAdmin(p: Principal | null): asserts p is AdminPrincipal {
  assertSignedIn(p);
  if (!isAdmin(p)) throw new NotFoundError();
}
export function assertClient(p: Principal | null): asserts p is ClientPrincipal {
  assertSignedIn(p);
  if (p.role !== "client") throw new NotFoundError();
}
