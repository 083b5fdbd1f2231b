import http from "node:http";
import type { AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";

/**
 * A small local stand-in for Stripe's HTTP API (customers, setup intents, payment methods, payment intents), so
 * the real `stripe` SDK path is tested offline (docs/decisions.md, Platform notes: Stripe SDK against a local server). It keeps state in
 * memory and answers in Stripe's JSON shapes; what the browser would do with Stripe.js (confirming a SetupIntent
 * with the Payment Element) is done with `confirmSetupIntent`. Cards are described by brand and last 4 only.
 */
type Obj = Record<string, unknown> & { id: string };
export type FakeCard = {
  brand: string;
  last4: string;
  exp_month: number;
  exp_year: number;
  decline?: "card_declined" | "insufficient_funds";
};

/** Stripe's form encoding (a[b][c]=v) → nested object. */
function parseForm(body: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(body)) {
    const keys = k.replace(/\]/g, "").split("[");
    let cur = out as Record<string, unknown>;
    keys.forEach((key, i) => {
      if (i === keys.length - 1) cur[key] = v;
      else cur = (cur[key] ??= {}) as Record<string, unknown>;
    });
  }
  return out;
}

const id = (prefix: string) => `${prefix}_fake${randomBytes(8).toString("hex")}`;

export async function startFakeStripe() {
  const customers = new Map<string, Obj>();
  const setupIntents = new Map<string, Obj>();
  const paymentMethods = new Map<string, Obj & { card: FakeCard; customer: string | null }>();
  const paymentIntents = new Map<string, Obj>();
  const idempotent = new Map<string, { status: number; body: unknown }>();
  const requests: {
    method: string;
    path: string;
    body: Record<string, unknown>;
    raw: string;
    idempotencyKey: string | null;
  }[] = [];

  function handle(method: string, path: string, body: Record<string, unknown>): { status: number; body: unknown } {
    let m: RegExpExecArray | null;
    if (method === "POST" && path === "/v1/customers") {
      const c = { id: id("cus"), object: "customer", metadata: body.metadata ?? {} };
      customers.set(c.id, c);
      return { status: 200, body: c };
    }
    if (method === "POST" && path === "/v1/setup_intents") {
      const si = {
        id: id("seti"),
        object: "setup_intent",
        status: "requires_payment_method",
        customer: body.customer ?? null,
        payment_method: null,
        usage: body.usage ?? "off_session",
        metadata: body.metadata ?? {},
      } as Obj;
      si.client_secret = `${si.id}_secret_${randomBytes(6).toString("hex")}`;
      setupIntents.set(si.id, si);
      return { status: 200, body: si };
    }
    if (method === "GET" && (m = /^\/v1\/setup_intents\/([^/]+)$/.exec(path))) {
      const si = setupIntents.get(m[1]);
      return si ? { status: 200, body: si } : notFound("setup_intent", m[1]);
    }
    if (method === "GET" && (m = /^\/v1\/payment_methods\/([^/]+)$/.exec(path))) {
      const pm = paymentMethods.get(m[1]);
      return pm ? { status: 200, body: publicPm(pm) } : notFound("payment_method", m[1]);
    }
    if (method === "POST" && (m = /^\/v1\/payment_methods\/([^/]+)\/detach$/.exec(path))) {
      const pm = paymentMethods.get(m[1]);
      if (!pm) return notFound("payment_method", m[1]);
      pm.customer = null;
      return { status: 200, body: publicPm(pm) };
    }
    if (method === "POST" && path === "/v1/payment_intents") {
      const pi = {
        id: id("pi"),
        object: "payment_intent",
        amount: Number(body.amount),
        amount_received: 0,
        currency: body.currency,
        customer: body.customer ?? null,
        payment_method: body.payment_method ?? null,
        metadata: body.metadata ?? {},
        setup_future_usage: body.setup_future_usage ?? null,
        status: "requires_payment_method",
        last_payment_error: null as null | Record<string, unknown>,
      } as Obj;
      pi.client_secret = `${pi.id}_secret_${randomBytes(6).toString("hex")}`;
      paymentIntents.set(pi.id, pi);
      if (body.confirm === "true" && body.payment_method) {
        const pm = paymentMethods.get(String(body.payment_method));
        if (!pm) return notFound("payment_method", String(body.payment_method));
        if (pm.card.decline) {
          const message =
            pm.card.decline === "insufficient_funds" ? "Your card has insufficient funds." : "Your card was declined.";
          pi.status = "requires_payment_method";
          pi.last_payment_error = { type: "card_error", code: "card_declined", decline_code: pm.card.decline, message };
          return {
            status: 402,
            body: {
              error: {
                type: "card_error",
                code: "card_declined",
                decline_code: pm.card.decline,
                message,
                payment_intent: pi,
              },
            },
          };
        }
        pi.status = "succeeded";
        pi.amount_received = pi.amount;
      }
      return { status: 200, body: pi };
    }
    if (method === "POST" && (m = /^\/v1\/payment_intents\/([^/]+)\/cancel$/.exec(path))) {
      const pi = paymentIntents.get(m[1]);
      if (!pi) return notFound("payment_intent", m[1]);
      pi.status = "canceled";
      return { status: 200, body: pi };
    }
    return {
      status: 404,
      body: { error: { type: "invalid_request_error", message: `fake stripe: no route ${method} ${path}` } },
    };
  }

  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", () => {
      const path = (req.url ?? "").split("?")[0];
      const body = parseForm(raw);
      const idempotencyKey = (req.headers["idempotency-key"] as string | undefined) ?? null;
      requests.push({ method: req.method ?? "", path, body, raw, idempotencyKey });
      if (!String(req.headers.authorization ?? "").startsWith("Bearer sk_test_")) {
        res
          .writeHead(401, { "content-type": "application/json" })
          .end(JSON.stringify({ error: { type: "invalid_request_error", message: "Invalid API Key provided" } }));
        return;
      }
      const key = idempotencyKey ? `${req.method} ${path} ${idempotencyKey}` : null;
      const result = key && idempotent.has(key) ? idempotent.get(key)! : handle(req.method ?? "GET", path, body);
      if (key) idempotent.set(key, result);
      res
        .writeHead(result.status, {
          "content-type": "application/json",
          "request-id": `req_${randomBytes(4).toString("hex")}`,
        })
        .end(JSON.stringify(result.body));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    customers,
    setupIntents,
    paymentMethods,
    paymentIntents,
    /** What Stripe.js does when the Payment Element confirms a SetupIntent: a card is created and attached. */
    confirmSetupIntent(setupIntentId: string, card: FakeCard): string {
      const si = setupIntents.get(setupIntentId);
      if (!si) throw new Error("no such setup intent");
      const pm = { id: id("pm"), object: "payment_method", type: "card", card, customer: si.customer as string | null };
      paymentMethods.set(pm.id, pm);
      si.status = "succeeded";
      si.payment_method = pm.id;
      return pm.id;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

function publicPm(pm: { id: string; card: FakeCard; customer: string | null }) {
  const { brand, last4, exp_month, exp_year } = pm.card;
  return {
    id: pm.id,
    object: "payment_method",
    type: "card",
    customer: pm.customer,
    card: { brand, last4, exp_month, exp_year },
  };
}

function notFound(kind: string, v: string) {
  return {
    status: 404,
    body: { error: { type: "invalid_request_error", code: "resource_missing", message: `No such ${kind}: '${v}'` } },
  };
}
