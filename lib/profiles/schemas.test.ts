import { describe, expect, it } from "vitest";
import { BLANK_CLIENT_FIELDS, clientProfileSchema } from "./schemas";

const base = { ...BLANK_CLIENT_FIELDS, legalName: "Leo Park" };
const issues = (v: Record<string, unknown>) => {
  const r = clientProfileSchema.safeParse({ ...base, ...v });
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};

describe("client profile form rules", () => {
  it("a minor needs at least one guardian", () => {
    expect(issues({ type: "minor", users: [] })).toEqual(["users: A minor's profile needs at least one guardian."]);
    expect(issues({ type: "minor", users: [{ email: "pat.park@example.com", relationship: "guardian" }] })).toEqual([]);
  });
  it("a couple needs two partners", () => {
    expect(issues({ type: "couple", users: [{ email: "a@example.com", relationship: "partner" }] })).toEqual([
      "users: A couple's profile needs two partners.",
    ]);
    expect(
      issues({
        type: "couple",
        users: [
          { email: "a@example.com", relationship: "partner" },
          { email: "b@example.com", relationship: "partner" },
        ],
      }),
    ).toEqual([]);
  });
  it("relationships must fit the type, and one address appears once", () => {
    expect(issues({ type: "individual", users: [{ email: "a@example.com", relationship: "guardian" }] })).toEqual([
      "users.0.relationship: An individual profile's users are self.",
    ]);
    expect(
      issues({
        type: "couple",
        users: [
          { email: "a@example.com", relationship: "partner" },
          { email: "A@example.com", relationship: "partner" },
        ],
      }),
    ).toEqual(["users.1.email: This address is already listed."]);
  });
  it("says which field is wrong: email, DOB, ICD-10", () => {
    expect(
      issues({
        type: "individual",
        dateOfBirth: "2999-01-01",
        diagnosisCodes: "F41.1, 999",
        users: [{ email: "nope", relationship: "self" }],
      }),
    ).toEqual([
      "dateOfBirth: The date of birth cannot be in the future.",
      "diagnosisCodes: Not an ICD-10 code: 999 (format like F41.1).",
      "users.0.email: Enter a valid email address, like name@example.com.",
    ]);
  });
});
