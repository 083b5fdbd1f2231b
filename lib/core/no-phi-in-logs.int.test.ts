import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { inspect } from "node:util";
import { db } from "@/db";
import { users } from "@/db/schema";
import { DEMO } from "@/lib/demo/seed";
import { principalFor } from "@/lib/test/auth-fixtures";
import { DatabaseError } from "@/lib/core/errors";
import { log } from "@/lib/core/log";
import { createClient } from "@/lib/profiles/clients";
import { recordService } from "@/lib/billing/services";
import { enqueueEmail } from "@/lib/email/outbox";

/**
 * docs/product.md, Sign-in rule 8 and Audit (no PHI in logs): failing queries carrying known PHI go through the real data layer; everything
 * written to the console, stdout and stderr while they fail and are reported (by our logger, and printed whole as
 * Next prints an uncaught error) must contain none of the values, the sign-in token or the PIN.
 */
const PHI = {
  name: "Quintessa Marigold-Vantablack",
  dob: "1983-11-27",
  icd: "F43.12",
  address: "4417 Wisteria Hollow Lane",
  pin: "739164",
  email: DEMO.jordan,
  token: "tkn_9f8e7d6c5b4a39281706f5e4d3c2b1a0ffeeddcc",
  impossibleDate: "2026-02-30",
  member: "ZXQ-77123-HH",
};

let captured = "";
const restore: (() => void)[] = [];
function capture() {
  captured = "";
  for (const stream of [process.stdout, process.stderr]) {
    const original = stream.write.bind(stream);
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      captured += typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString("utf8");
      return (original as (...a: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write;
    restore.push(() => (stream.write = original as typeof stream.write));
  }
  for (const m of ["log", "info", "warn", "error", "debug", "trace"] as const) {
    const original = console[m];
    console[m] = (...args: unknown[]) => {
      captured +=
        args.map((a) => (typeof a === "string" ? a : inspect(a, { depth: 10, showHidden: true }))).join(" ") + "\n";
    };
    restore.push(() => (console[m] = original));
  }
}
beforeEach(capture);
afterEach(() => {
  while (restore.length) restore.pop()!();
});

/** Reports the failure the two ways production does: our logger, and Next printing the thrown error. */
async function failAndReport(run: () => Promise<unknown>): Promise<unknown> {
  let err: unknown;
  try {
    await run();
  } catch (e) {
    err = e;
  }
  expect(err, "the query should have failed").toBeDefined();
  log.error("request failed", err);
  console.error(err); // what Next does with an error thrown in a page or route handler
  console.error(inspect(err, { depth: 10, showHidden: true }));
  return err;
}

function expectNoSecrets() {
  expect(captured.length, "something was logged").toBeGreaterThan(0);
  for (const [k, v] of Object.entries(PHI)) expect(captured, `${k} leaked into the log`).not.toContain(v);
  expect(captured).not.toContain("Failed query");
  expect(captured).not.toContain("params:");
}

describe("failing queries never log their values", () => {
  it("a NUL byte in a name (with a DOB, ICD-10 code, address and PIN beside it)", async () => {
    const ana = await principalFor(DEMO.ana);
    const err = await failAndReport(() =>
      createClient(ana, {
        type: "individual",
        legalName: `${PHI.name}\u0000`,
        preferredName: null,
        dateOfBirth: PHI.dob,
        phone: null,
        address: `${PHI.address} PIN ${PHI.pin}`,
        insuranceMemberId: PHI.member,
        diagnosisCodes: [PHI.icd],
        clinicianId: "",
        users: [],
      }),
    );
    expect(err).toBeInstanceOf(DatabaseError);
    expect((err as DatabaseError).code).toMatch(/^22/);
    expect((err as Error).cause).toBeUndefined();
    expectNoSecrets();
    expect(captured).toContain("insert client_profiles");
  });

  it("an impossible billing date that reaches PostgreSQL", async () => {
    const ana = await principalFor(DEMO.ana);
    const err = await failAndReport(() =>
      recordService(ana, {
        profileId: DEMO.profiles.jordan,
        dateOfService: PHI.impossibleDate,
        cptCode: "90834",
        modifiers: [],
        placeOfService: "11",
        units: 1,
        fee: 15000,
        diagnosisCodes: [],
      }),
    );
    expect(err).toBeInstanceOf(DatabaseError);
    expect((err as DatabaseError).code).toMatch(/^22/);
    expectNoSecrets();
  });

  it("a unique violation on an email", async () => {
    const err = await failAndReport(() =>
      db.insert(users).values({ email: PHI.email, name: PHI.name, role: "client" }),
    );
    expect(err).toBeInstanceOf(DatabaseError);
    expect((err as DatabaseError).code).toBe("23505");
    expect((err as DatabaseError).constraint).toMatch(/email/);
    expectNoSecrets();
  });

  it("a failing outbox insert whose body holds a live sign-in link", async () => {
    const err = await failAndReport(() =>
      enqueueEmail(db, {
        to: `${PHI.email}\u0000`,
        template: "sign-in-link",
        props: { url: `http://localhost:3000/sign-in/confirm?token=${PHI.token}` },
      }),
    );
    expect(err).toBeInstanceOf(DatabaseError);
    expectNoSecrets();
    expect(captured).toContain("insert email_outbox");
  });

  it("inside a transaction on the same client", async () => {
    const err = await failAndReport(() =>
      db.transaction(async (tx) =>
        tx.insert(users).values({ email: `x-${PHI.pin}@example.test`, name: `${PHI.name}\u0000`, role: "client" }),
      ),
    );
    expect(err).toBeInstanceOf(DatabaseError);
    expectNoSecrets();
  });
});

describe("the logger with errors it does not know", () => {
  it("scrubs values from an arbitrary error's message and its cause", () => {
    const inner = new Error(`invalid input syntax for type date: "${PHI.impossibleDate}"`);
    log.error(
      "x",
      new Error(`lookup for ${PHI.email} with pin ${PHI.pin} at http://localhost/sign-in?token=${PHI.token} failed`, {
        cause: inner,
      }),
    );
    log.error("y", `${PHI.name} thrown as a string`);
    expectNoSecrets();
    expect(captured).toContain("invalid input syntax for type date");
  });
});
