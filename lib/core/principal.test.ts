import { describe, expect, expectTypeOf, it } from "vitest";
import type { createInvoice } from "@/lib/billing/invoices";
import type { listPortalUsers } from "@/lib/auth/portal-access";
import type { switchActiveProfile } from "@/lib/auth/profile-switch";
import { NotFoundError } from "./errors";
import {
  assertAdmin,
  assertClient,
  assertStaff,
  type ClientPrincipal,
  type Principal,
  type StaffPrincipal,
} from "./principal";

const base = { userId: "u", email: "e@example.test", name: null, sessionId: "s", activeProfileId: null };
const client: ClientPrincipal = { ...base, role: "client" };
const clinician: StaffPrincipal = { ...base, role: "clinician" };

describe("principal types: the compiler keeps roles apart", () => {
  it("a staff-only function cannot be called with a client principal, nor a client-only one with staff", () => {
    // `npm run typecheck` fails if any of these becomes assignable (the checks run at compile time).
    expectTypeOf(client).not.toExtend<Parameters<typeof createInvoice>[0]>();
    expectTypeOf(client).not.toExtend<Parameters<typeof listPortalUsers>[0]>();
    expectTypeOf(clinician).not.toExtend<Parameters<typeof switchActiveProfile>[0]>();
    // An unnarrowed principal (any role) must be checked first.
    expectTypeOf<Principal>().not.toExtend<Parameters<typeof createInvoice>[0]>();
    expectTypeOf(clinician).toExtend<Parameters<typeof createInvoice>[0]>();
  });

  it("at run time a wrong role is simply not found (404), the same answer as 'not yours'", () => {
    expect(() => assertStaff(client)).toThrow(NotFoundError);
    expect(() => assertAdmin(clinician)).toThrow(NotFoundError);
    expect(() => assertClient(clinician)).toThrow(NotFoundError);
  });
});
