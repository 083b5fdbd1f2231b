import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { TestPrincipal } from "@/lib/test/auth-fixtures";
import { randomUUID } from "node:crypto";

/**
 * No request body a browser can send to a server action or a route handler gets a server error (docs/decisions.md
 * "Validators"). Every export of every lib/<domain>/actions.ts (found by glob, so a new action is covered without
 * editing this file) and every defineRoute handler is called, as each of the demo practice's admin, a clinician
 * and a client with an active profile, with wrong types, missing fields, 1 MB strings, 1000-level nesting, NUL
 * bytes, impossible dates, negative and NaN money and arrays where scalars go. Every answer must be a clear
 * expected one: an action's `{ ok: false, error }` with a specific message (never the generic one), a route's
 * 4xx with a message, and nothing logged as an unexpected failure.
 */

// ---- the session and the request, through vitest's own mocking (test-only) ----
const state = vi.hoisted(() => ({ principal: null as TestPrincipal | null }));
// lib/auth/auth.ts is Auth.js's configuration, which needs Next's runtime: replaced whole by the session lookup.
vi.mock("@/lib/auth/auth", () => ({
  getPrincipal: async () => state.principal,
  getCurrentSession: async () =>
    state.principal
      ? {
          principal: state.principal,
          idleDeadline: new Date(Date.now() + 900_000).toISOString(),
          absoluteDeadline: new Date(Date.now() + 3_600_000).toISOString(),
        }
      : null,
  // Signing in and out end in Auth.js's redirect: the same control flow a real request gets.
  signIn: async () => {
    throw Object.assign(new Error("NEXT_REDIRECT"), { digest: "NEXT_REDIRECT;replace;/;307;" });
  },
  signOut: async () => {
    throw Object.assign(new Error("NEXT_REDIRECT"), { digest: "NEXT_REDIRECT;replace;/;307;" });
  },
  auth: async () => null,
  // The per-request session (what the second-factor pages read): the mocked principal, passed.
  sessionOfRequest: async () => (state.principal ? { principal: state.principal } : null),
  SESSION_COOKIE: () => "haven.session",
  extraProviders: [],
}));
vi.mock("next-auth", () => ({ AuthError: class AuthError extends Error {} }));
vi.mock("next/headers", () => {
  const jar = new Map<string, string>();
  return {
    headers: async () => new Headers({ host: "localhost:3000", origin: "http://localhost:3000", "user-agent": "fuzz" }),
    cookies: async () => ({
      get: (n: string) => (jar.has(n) ? { name: n, value: jar.get(n)! } : undefined),
      getAll: () => [...jar].map(([name, value]) => ({ name, value })),
      has: (n: string) => jar.has(n),
      set: (n: string, v: string) => void jar.set(n, v),
      delete: (n: string) => void jar.delete(n),
    }),
  };
});
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {}, unstable_noStore: () => {} }));

const { DEMO } = await import("@/lib/demo/seed");
const { principalFor } = await import("@/lib/test/auth-fixtures");
const { GENERIC_ERROR } = await import("@/lib/core/errors");
const { log } = await import("@/lib/core/log");
const { isNextControlFlow } = await import("@/lib/auth/action");

// ---- hostile values ----
const MB = "x".repeat(1024 * 1024);
function deep(levels: number): unknown {
  let v: unknown = "leaf";
  for (let i = 0; i < levels; i++) v = i % 2 ? { a: v } : [v];
  return v;
}
const DEEP = deep(1000);

/** Real rows of the demo practice (made in beforeAll), so plausible ids reach the data layer, not just "not found". */
const real: Record<string, unknown> = {};

/** Plausible values by field name, so that one broken kind of value at a time reaches past the rest of a schema. */
function plausible(key: string): unknown {
  if (key in real) return real[key];
  if (key === "profileId") return DEMO.profiles.jordan;
  if (/id$/i.test(key) || key === "replaces") return randomUUID();
  if (/ids$/i.test(key)) return [randomUUID()];
  if (/date|On$|period/i.test(key)) return "2026-01-15";
  if (/fee|amount/i.test(key)) return "120.00";
  if (key === "units") return "1";
  if (/email/i.test(key)) return "fuzz@example.com";
  if (key === "type") return "individual";
  if (key === "relationship") return "self";
  if (key === "method") return "cash";
  if (key === "placeOfService") return "11";
  if (/code$/i.test(key)) return "90834";
  if (key === "diagnosisCodes") return "F41.1";
  if (key === "answers") return { q1: "a" };
  if (key === "users") return [{ email: "fuzz@example.com", relationship: "self" }];
  if (key === "questions") return [{ id: "q1", type: "short_text", label: "Q" }];
  if (key === "tickets") return ["not-a-real-ticket-0123456789"];
  if (key === "data") return { type: "individual", legalName: "Fuzz Test" };
  return "Fuzz Test";
}

/** Every field name any schema has (read from the schemas themselves), plus the route params. */
async function fieldNames(): Promise<string[]> {
  const names = new Set<string>(["id", "profileId", "token", "pin", "email", "answers", "data", "idle"]);
  const mods = import.meta.glob("/lib/*/schemas.ts", { eager: true }) as Record<string, Record<string, unknown>>;
  const visit = (s: unknown, depth = 0) => {
    if (!s || typeof s !== "object" || depth > 6) return;
    const def = (s as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
    if (!def) return;
    if (def.type === "object" && def.shape) {
      for (const [k, v] of Object.entries(def.shape as Record<string, unknown>)) {
        names.add(k);
        visit(v, depth + 1);
      }
    }
    for (const k of ["innerType", "in", "out", "schema", "element"]) visit(def[k], depth + 1);
    if (Array.isArray(def.options)) for (const o of def.options) visit(o, depth + 1);
  };
  for (const m of Object.values(mods)) for (const v of Object.values(m)) visit(v);
  return [...names];
}

type Case = { label: string; input: unknown };
function cases(keys: string[]): Case[] {
  const base = Object.fromEntries(keys.map((k) => [k, plausible(k)]));
  const all = (v: unknown) => Object.fromEntries(keys.map((k) => [k, v]));
  const where = (re: RegExp, v: unknown) => ({
    ...base,
    ...Object.fromEntries(keys.filter((k) => re.test(k)).map((k) => [k, v])),
  });
  const fd = new FormData();
  for (const k of keys) fd.append(k, "\u0000");
  fd.append("profileId", "not-a-uuid");
  // What a browser's form post can carry: repeated keys (arrays), 1 MB values, impossible dates.
  const fdMany = new FormData();
  for (const k of keys) for (const v of ["a", "2026-02-30", "-5"]) fdMany.append(k, v);
  const fdHuge = new FormData();
  for (const k of keys) fdHuge.append(k, MB);
  return [
    { label: "missing fields", input: {} },
    { label: "undefined input", input: undefined },
    { label: "plausible", input: base },
    { label: "numbers everywhere", input: all(12345) },
    { label: "null everywhere", input: all(null) },
    { label: "booleans everywhere", input: all(true) },
    { label: "arrays where scalars go", input: all(["a", "b"]) },
    { label: "objects everywhere", input: all({ a: 1 }) },
    { label: "1 MB strings", input: all(MB) },
    { label: "1 MB strings beside plausible ids", input: { ...all(MB), profileId: DEMO.profiles.jordan } },
    { label: "1000-level nesting", input: all(DEEP) },
    { label: "NUL bytes", input: all("Ann\u0000Lee") },
    {
      label: "NUL bytes in text, the rest plausible",
      input: where(
        /name|description|note|reference|address|title|label|credentials|license|q$|answers/i,
        "Ann\u0000Lee",
      ),
    },
    { label: "NUL bytes in answers", input: { ...base, answers: { q1: "a\u0000b", gad7_1: "\u0000" } } },
    { label: "impossible dates", input: where(/date|On$|period|from|to$/i, "2026-02-30") },
    { label: "far-future dates", input: where(/date|On$|period/i, "99999-01-01") },
    { label: "negative money", input: where(/fee|amount|units/i, "-5") },
    { label: "NaN money", input: where(/fee|amount|units/i, "NaN") },
    { label: "huge money", input: where(/fee|amount|units/i, "999999999999999999999") },
    { label: "numeric NaN money", input: where(/fee|amount|units/i, Number.NaN) },
    { label: "malformed ids", input: where(/id$/i, "'; drop table users; --") },
    { label: "FormData of NUL bytes", input: fd },
    { label: "FormData with repeated keys", input: fdMany },
    { label: "FormData of 1 MB values", input: fdHuge },
    { label: "string input", input: "hello" },
    { label: "array input", input: [1, 2, 3] },
  ];
}

let admin: TestPrincipal, ana: TestPrincipal, client: TestPrincipal;
const logged: string[] = [];
beforeAll(async () => {
  admin = await principalFor(DEMO.admin);
  ana = await principalFor(DEMO.ana);
  client = await principalFor(DEMO.jordan, "no-session", DEMO.profiles.jordan);
  vi.spyOn(log, "error").mockImplementation((m: string) => void logged.push(m));
  // A recorded service on a draft invoice, a sent form and the people involved.
  const { db } = await import("@/db");
  const { formResponses, formTemplates, invoiceLines } = await import("@/db/schema");
  const { eq } = await import("drizzle-orm");
  const { recordService } = await import("@/lib/billing/services");
  const { createInvoice } = await import("@/lib/billing/invoices");
  const { sendForms } = await import("@/lib/forms/responses");
  const service = await recordService(ana, {
    profileId: DEMO.profiles.jordan,
    dateOfService: "2026-01-15",
    cptCode: "90834",
    modifiers: [],
    placeOfService: "11",
    units: 1,
    fee: 15000,
    diagnosisCodes: ["F41.1"],
  });
  const extra = await recordService(ana, {
    profileId: DEMO.profiles.jordan,
    dateOfService: "2026-01-16",
    cptCode: "90834",
    modifiers: [],
    placeOfService: "11",
    units: 1,
    fee: 15000,
    diagnosisCodes: [],
  });
  const invoice = await createInvoice(ana, { profileId: DEMO.profiles.jordan, serviceIds: [service.id] });
  const [line] = await db
    .select({ id: invoiceLines.id })
    .from(invoiceLines)
    .where(eq(invoiceLines.invoiceId, invoice.id))
    .limit(1);
  const [tpl] = await db.select({ id: formTemplates.id }).from(formTemplates).limit(1);
  await sendForms(ana, { profileId: DEMO.profiles.jordan, templateIds: [tpl.id] });
  const [response] = await db
    .select({ id: formResponses.id })
    .from(formResponses)
    .where(eq(formResponses.profileId, DEMO.profiles.jordan))
    .limit(1);
  Object.assign(real, {
    invoiceId: invoice.id,
    serviceId: extra.id,
    serviceIds: [extra.id],
    lineId: line.id,
    templateId: tpl.id,
    templateIds: [tpl.id],
    responseId: response.id,
    userId: client.userId,
    clinicianId: ana.userId,
    diagnosisCodes: "F41.1",
  });
});
afterAll(() => vi.restoreAllMocks());

describe("server actions refuse hostile input with clear messages", () => {
  it("every exported action, anonymous and as admin, clinician and client", async () => {
    const modules = import.meta.glob("/lib/*/actions.ts") as Record<string, () => Promise<Record<string, unknown>>>;
    expect(Object.keys(modules).length).toBeGreaterThanOrEqual(8);
    const keys = await fieldNames();
    const failures: string[] = [];
    const succeeded = new Set<string>();
    let calls = 0;
    const loaded = await Promise.all(
      Object.entries(modules).map(async ([path, load]) => [path, await load()] as const),
    );
    // Anonymous (public actions), then the client: staff actions (revoking access, deactivating) would otherwise end the
    // client's access early.
    for (const who of [null, client, ana, admin]) {
      for (const [path, mod] of loaded) {
        for (const [name, action] of Object.entries(mod)) {
          if (typeof action !== "function") continue;
          for (const c of cases(keys)) {
            state.principal = who;
            logged.length = 0;
            calls++;
            const where = `${path} ${name} as ${who?.role ?? "anonymous"} with ${c.label}`;
            try {
              const r = (await (action as (i: unknown) => Promise<unknown>)(c.input)) as
                { ok?: boolean; error?: unknown } | undefined;
              if (
                r &&
                r.ok === false &&
                (typeof r.error !== "string" || r.error === GENERIC_ERROR || r.error.length === 0)
              )
                failures.push(`${where}: ${String(r.error)}`);
              if (r && r.ok === true) succeeded.add(name);
            } catch (e) {
              if (!isNextControlFlow(e)) failures.push(`${where}: threw ${(e as Error)?.name}`);
            }
            if (logged.length) failures.push(`${where}: logged ${logged.join("; ")}`);
          }
        }
      }
    }
    expect(calls).toBeGreaterThan(1000);
    // The plausible inputs reach the data layer: a good number of actions actually did their work.
    expect(succeeded.size, [...succeeded].join(", ")).toBeGreaterThanOrEqual(8);
    expect(failures).toEqual([]);
  }, 600_000);
});

// ---- route handlers ----
type Handler = (req: Request, seg?: { params?: Promise<Record<string, string>> }) => Promise<Response>;
const SAME = { origin: "null", "sec-fetch-site": "same-origin" };

async function callRoute(
  h: Handler,
  url: string,
  init: RequestInit & { params?: Record<string, string> },
): Promise<{ status: number; text: string }> {
  const req = new Request(new URL(url, "http://localhost:3000"), { ...init, duplex: "half" } as RequestInit);
  const res = await h(req, { params: Promise.resolve(init.params ?? {}) });
  const text = await res.text();
  return { status: res.status, text };
}

/**
 * Records a failure for a server error, a refusal without a clear message, or anything logged while the route ran
 * (a refusal is the person's mistake, not the server's).
 */
function checker(failures: string[]) {
  return (where: string, r: { status: number; text: string }) => {
    if (r.status >= 500) failures.push(`${where}: ${r.status} ${r.text.slice(0, 200)}`);
    else if (r.status >= 400 && (!r.text || r.text.includes(GENERIC_ERROR)))
      failures.push(`${where}: ${r.status} without a clear message`);
    if (logged.length) failures.push(`${where}: logged ${logged.join("; ")}`);
    logged.length = 0;
  };
}

describe("route handlers refuse hostile input with clear messages", () => {
  it("draft autosave, uploads, downloads, PDFs, the audit export and the webhook", async () => {
    const draft = (await import("@/app/api/forms/responses/[id]/draft/route")).POST as Handler;
    const upload = (await import("@/app/api/files/upload/route")).POST as Handler;
    const file = (await import("@/app/api/files/[id]/route")).GET as Handler;
    const formPdf = (await import("@/app/api/forms/responses/[id]/pdf/route")).GET as Handler;
    const billPdf = (await import("@/app/api/billing/[kind]/[id]/pdf/route")).GET as Handler;
    const audit = (await import("@/app/(admin)/admin/audit/export/route")).GET as Handler;
    const webhook = (await import("@/app/api/stripe/webhook/route")).POST as Handler;

    // A real pending response of the client's profile, so bodies reach the answer schema and the database.
    const { sendForms } = await import("@/lib/forms/responses");
    const { db } = await import("@/db");
    const { formResponses, formTemplates, formTemplateVersions } = await import("@/db/schema");
    const { and, eq } = await import("drizzle-orm");
    const tpls = await db.select({ id: formTemplates.id }).from(formTemplates).limit(20);
    await sendForms(ana, { profileId: DEMO.profiles.jordan, templateIds: tpls.map((t) => t.id) });
    const pendings = await db
      .select({ id: formResponses.id, questions: formTemplateVersions.questions })
      .from(formResponses)
      .innerJoin(formTemplateVersions, eq(formTemplateVersions.id, formResponses.templateVersionId))
      .where(and(eq(formResponses.profileId, DEMO.profiles.jordan), eq(formResponses.status, "pending")));
    const pending = pendings[0];
    // Each real question of every pending form, answered with each hostile value, for its own response.
    const perQuestion: { id: string; body: string }[] = [];
    for (const r of pendings) {
      for (const q of r.questions) {
        for (const v of [
          "a\u0000b",
          "2026-02-30",
          MB,
          DEEP,
          -1,
          Number.MAX_SAFE_INTEGER,
          ["x"],
          { a: 1 },
          true,
          "\u001b[31m",
        ])
          perQuestion.push({ id: r.id, body: JSON.stringify({ answers: { [q.id]: v } }) });
      }
    }
    expect(perQuestion.length).toBeGreaterThan(50);
    const ids = [
      pending.id,
      "not-a-uuid",
      randomUUID(),
      "\u0000",
      MB.slice(0, 5000),
      "00000000-0000-0000-0000-000000000000",
    ];
    const bodies: (string | Uint8Array)[] = [
      "",
      "not json",
      "{",
      JSON.stringify({}),
      JSON.stringify({ answers: "x" }),
      JSON.stringify({ answers: [1, 2] }),
      JSON.stringify({ answers: { q1: "a\u0000b" } }),
      JSON.stringify({ answers: { gad7_1: "2026-02-30" } }),
      JSON.stringify({ answers: DEEP }),
      JSON.stringify(DEEP),
      JSON.stringify({ answers: { q1: MB } }),
      JSON.stringify({ answers: null }),
      "null",
      "123",
      new Uint8Array([0, 0xff, 0xfe, 0x00]),
    ];
    const failures: string[] = [];
    const check = checker(failures);
    for (const who of [admin, ana, client]) {
      state.principal = who;
      for (const { id, body } of perQuestion) {
        check(
          `draft ${who.role} question answer ${body.slice(0, 60)}`,
          await callRoute(draft, "/x", {
            method: "POST",
            headers: { ...SAME, "content-type": "application/json" },
            body,
            params: { id },
          }),
        );
      }
      for (const id of ids) {
        for (const body of bodies) {
          check(
            `draft ${who.role} ${id.slice(0, 12)} ${String(body).slice(0, 30)}`,
            await callRoute(draft, "/api/forms/responses/x/draft", {
              method: "POST",
              headers: { ...SAME, "content-type": "application/json" },
              body: body as BodyInit,
              params: { id },
            }),
          );
        }
        check(
          `file ${who.role} ${id.slice(0, 12)}`,
          await callRoute(file, "/api/files/x", { method: "GET", params: { id } }),
        );
        check(
          `form pdf ${who.role} ${id.slice(0, 12)}`,
          await callRoute(formPdf, "/x", { method: "GET", params: { id } }),
        );
        for (const kind of ["invoices", "statements", "superbills", "nope", "\u0000"])
          check(
            `billing pdf ${who.role} ${kind} ${id.slice(0, 12)}`,
            await callRoute(billPdf, "/x", { method: "GET", params: { kind, id } }),
          );
      }
      for (const [name, value] of [
        ["x-file-name", "%E0%A4%A"],
        ["x-file-name", encodeURIComponent("a\u0000b.pdf")],
        ["x-file-name", "a".repeat(8000)],
        ["x-profile-id", "not-a-uuid"],
        ["x-profile-id", randomUUID()],
        ["x-profile-id", DEMO.profiles.jordan],
      ] as const) {
        for (const body of ["", "%PDF-1.4 not really", new Uint8Array([0, 1, 2, 3])]) {
          check(
            `upload ${who.role} ${name}=${value.slice(0, 20)}`,
            await callRoute(upload, "/api/files/upload", {
              method: "POST",
              headers: { ...SAME, [name]: value },
              body: body as BodyInit,
            }),
          );
        }
      }
      for (const q of [
        "?from=2026-02-30&to=99999-01-01",
        `?user=${encodeURIComponent("\u0000")}&profile=%25_%5C`,
        `?page=-1&action=${"a".repeat(5000)}`,
        "?page=NaN&from[]=1",
      ]) {
        check(
          `audit ${who.role} ${q.slice(0, 30)}`,
          await callRoute(audit, `/admin/audit/export${q}`, { method: "GET" }),
        );
      }
    }
    state.principal = null;
    for (const body of ["", "{}", MB, JSON.stringify(DEEP)]) {
      for (const sig of [null, "t=1,v1=deadbeef", "garbage"]) {
        const headers: Record<string, string> = sig === null ? {} : { "stripe-signature": sig };
        check(
          `webhook ${String(sig)} ${body.slice(0, 20)}`,
          await callRoute(webhook, "/api/stripe/webhook", { method: "POST", headers, body }),
        );
      }
    }
    // Not signed in, and cross-site: refused with a message, not a server error.
    check(
      "draft anonymous",
      await callRoute(draft, "/x", { method: "POST", headers: SAME, body: "{}", params: { id: randomUUID() } }),
    );
    state.principal = client;
    const cross = await callRoute(draft, "/x", {
      method: "POST",
      headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
      body: "{}",
      params: { id: randomUUID() },
    });
    expect(cross.status).toBe(403);
    expect(failures).toEqual([]);
  }, 600_000);

  it("messages and their drafts: hostile text and ids get a clear refusal or are kept, never a server error", async () => {
    const send = (await import("@/app/api/messages/route")).POST as Handler;
    const draft = (await import("@/app/api/messages/draft/route")).POST as Handler;
    const profileIds = [DEMO.profiles.jordan, DEMO.profiles.alex, "not-a-uuid", randomUUID(), "\u0000", ""];
    const texts = ["a\u0000b", "\u001b[31m red \u0007", "x".repeat(12_000), " \n\t ", "<script>1</script>", "\ud800"];
    const failures: string[] = [];
    const check = checker(failures);
    for (const who of [admin, ana, client]) {
      state.principal = who;
      for (const profileId of profileIds) {
        for (const body of texts) {
          const where = `${who.role} ${profileId.slice(0, 8)} ${JSON.stringify(body.slice(0, 12))}`;
          check(
            `draft ${where}`,
            await callRoute(draft, "/api/messages/draft", {
              method: "POST",
              headers: { ...SAME, "content-type": "application/json" },
              body: JSON.stringify({ profileId, body }),
            }),
          );
          const fd = new FormData();
          fd.set("profileId", profileId);
          fd.set("body", body);
          // An attachment id that is no document of the sender's, for one text of each profile.
          if (body === texts[4]) fd.set("attachmentId", profileId || "x");
          check(
            `send ${where}`,
            await callRoute(send, "/api/messages", {
              method: "POST",
              headers: { ...SAME, accept: "application/json" },
              body: fd,
            }),
          );
        }
      }
      for (const raw of ["", "not json", "null", "[]", JSON.stringify({ profileId: DEMO.profiles.jordan, body: 1 })])
        check(
          `draft ${who.role} ${raw.slice(0, 20)}`,
          await callRoute(draft, "/api/messages/draft", {
            method: "POST",
            headers: { ...SAME, "content-type": "application/json" },
            body: raw,
          }),
        );
    }
    state.principal = null;
    expect(failures).toEqual([]);
  }, 300_000);

  it("a reused upload ticket is refused with a message", async () => {
    const upload = (await import("@/app/api/files/upload/route")).POST as Handler;
    const { shareDocumentsAction } = await import("@/lib/documents/actions");
    state.principal = ana;
    const r = await callRoute(upload, "/api/files/upload", {
      method: "POST",
      headers: { ...SAME, "x-file-name": "note.txt", "x-profile-id": DEMO.profiles.jordan },
      body: "hello, a plain text file",
    });
    expect(r.status).toBe(201);
    const { ticket } = JSON.parse(r.text) as { ticket: string };
    const twice = await shareDocumentsAction({ profileId: DEMO.profiles.jordan, tickets: [ticket, ticket] });
    expect(twice).toMatchObject({ ok: false, error: "The same file is listed twice." });
    expect(await shareDocumentsAction({ profileId: DEMO.profiles.jordan, tickets: [ticket] })).toMatchObject({
      ok: true,
    });
    expect(await shareDocumentsAction({ profileId: DEMO.profiles.jordan, tickets: [ticket] })).toMatchObject({
      ok: false,
      error: "These files were already shared.",
    });
    expect(logged).toEqual([]);
  });

  it("the autosave accepts the browser's same-origin fetch under no-referrer (Origin: null)", async () => {
    const draft = (await import("@/app/api/forms/responses/[id]/draft/route")).POST as Handler;
    state.principal = client;
    const r = await callRoute(draft, "/x", {
      method: "POST",
      headers: { ...SAME, "content-type": "application/json" },
      body: JSON.stringify({ answers: {} }),
      params: { id: randomUUID() },
    });
    // Past the origin check: an unknown response is "not found", not "not allowed".
    expect(r.status).toBe(404);
    expect(JSON.parse(r.text)).toMatchObject({ ok: false, error: expect.any(String) });
  });
});
