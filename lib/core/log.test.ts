import { describe, expect, it } from "vitest";
import { DatabaseError, NotFoundError, ValidationError, queryNameOf, toDatabaseError } from "./errors";
import { describeError, scrubMessage } from "./log";

describe("scrubMessage", () => {
  it("removes quoted values, emails, URLs, numbers and tokens but keeps the wording", () => {
    const out = scrubMessage(
      `invalid input syntax for type date: "2026-02-30" for jordan.lee@example.com at https://x.test/sign-in/confirm?token=abcdefghijklmnopqrstuvwxyz pin 739164 Key (email)=(a@b.c) already exists`,
    );
    expect(out).toContain("invalid input syntax for type date");
    for (const v of [
      "2026-02-30",
      "jordan.lee@example.com",
      "abcdefghijklmnopqrstuvwxyz",
      "739164",
      "a@b.c",
      "https://",
    ])
      expect(out).not.toContain(v);
  });
  it("drops control characters and caps the length", () => {
    expect(scrubMessage("a\u0000b\u001b[31m")).not.toMatch(/[\u0000\u001b]/);
    expect(scrubMessage("word ".repeat(200)).length).toBeLessThanOrEqual(300);
  });
});

describe("describeError", () => {
  it("a DatabaseError by code, constraint, table and query name only", () => {
    const e = new DatabaseError({
      code: "23505",
      constraint: "users_email_unique",
      table: "users",
      queryName: "insert users",
    });
    expect(describeError(e)).toMatchObject({
      name: "DatabaseError",
      code: "23505",
      constraint: "users_email_unique",
      table: "users",
      queryName: "insert users",
    });
    expect(JSON.stringify(describeError(e))).not.toContain("message");
  });
  it("a raw driver error by its SQLSTATE, never its message or detail", () => {
    const pg = Object.assign(new Error('duplicate key value violates unique constraint "users_email_unique"'), {
      severity: "ERROR",
      code: "23505",
      detail: "Key (email)=(pat@example.com) already exists.",
      constraint_name: "users_email_unique",
    });
    const d = JSON.stringify(describeError(pg));
    expect(d).toContain("23505");
    expect(d).not.toContain("pat@example.com");
    expect(d).not.toContain("duplicate key");
  });
  it("expected errors by name and status (their messages may quote the user's input)", () => {
    expect(describeError(new ValidationError("Not an ICD-10 code: F99.9X", { diagnosisCodes: ["x"] }))).toEqual({
      name: "ValidationError",
      status: 400,
    });
    expect(describeError(new NotFoundError())).toEqual({ name: "NotFoundError", status: 404 });
  });
  it("non-errors by type only; stacks by frames only", () => {
    expect(describeError("Jordan Lee")).toBe("non-error value thrown (string)");
    expect(describeError({ email: "x@y.z" })).toBe("non-error value thrown (object)");
    const d = describeError(new Error("for Jordan Lee")) as { stack?: string };
    expect(d.stack ?? "").not.toContain("Jordan");
  });
});

describe("toDatabaseError", () => {
  it("turns drizzle's query error into a DatabaseError without params or cause", () => {
    const cause = Object.assign(new Error('invalid input syntax for type uuid: "nope"'), {
      severity: "ERROR",
      code: "22P02",
    });
    const drizzle = Object.assign(
      new Error('Failed query: insert into "users" ("email") values ($1)\nparams: pat@example.com'),
      { query: 'insert into "users" ("email") values ($1)', params: ["pat@example.com"], cause },
    );
    const e = toDatabaseError(drizzle) as DatabaseError;
    expect(e).toBeInstanceOf(DatabaseError);
    expect(e).toMatchObject({ code: "22P02", queryName: "insert users" });
    expect(e.cause).toBeUndefined();
    expect(`${e.message} ${e.stack}`).not.toContain("pat@example.com");
  });
  it("leaves other errors alone and names queries by verb and first table", () => {
    const other = new RangeError("x");
    expect(toDatabaseError(other)).toBe(other);
    expect(queryNameOf('select "id" from "client_profiles" where "id" = $1')).toBe("select client_profiles");
    expect(queryNameOf('update "invoices" set "status" = $1')).toBe("update invoices");
    expect(queryNameOf(42)).toBeNull();
  });
});
