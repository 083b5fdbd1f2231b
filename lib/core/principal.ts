import { ForbiddenError, UnauthenticatedError } from "@/lib/core/errors";

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

export const isStaff = (p: Pick<Principal, "role">) => p.role === "clinician" || p.role === "admin";
export const isAdmin = (p: Pick<Principal, "role">) => p.role === "admin";

export function assertSignedIn(p: Principal | null): asserts p is Principal {
  if (!p) throw new UnauthenticatedError();
}
export function assertStaff(p: Principal | null): asserts p is Principal {
  assertSignedIn(p);
  if (!isStaff(p)) throw new ForbiddenError();
}
export function assertAdmin(p: Principal | null): asserts p is Principal {
  assertSignedIn(p);
  if (!isAdmin(p)) throw new ForbiddenError();
}
export function assertClient(p: Principal | null): asserts p is Principal {
  assertSignedIn(p);
  if (p.role !== "client") throw new ForbiddenError();
}
