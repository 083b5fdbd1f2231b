import { parse, protocol, type PGlite } from "@electric-sql/pglite";

/**
 * Named prepared statements for the embedded database (docs/performance.md, "Prepared statements on PGlite").
 *
 * PGlite's own `query` sends every statement unnamed, as six separate calls into its WebAssembly Postgres (parse,
 * describe, bind, describe, execute, sync), so each request re-parses and re-plans SQL it has run a thousand times
 * before. postgres.js already prepares every statement on a real server. This gives PGlite the same: the first
 * time a statement's text is seen it is parsed once under a name (with its parameter types), and from then on one
 * call carries bind, describe, execute and sync. A page's statements cost a quarter to a sixth of what they did.
 *
 * Only how the statement travels changes; results are decoded by PGlite's own parser with the caller's options,
 * parameters by PGlite's own serializers for the types Postgres described, and errors are PGlite's own
 * DatabaseError (db/index.ts turns them into errors without PHI, as before). Outside a transaction the call takes
 * the same two locks PGlite's `query` takes, so it never runs inside someone else's transaction; inside one it
 * runs on the transaction's connection as PGlite's would. Named statements outlive transactions and rollbacks
 * (protocol-level prepared statements are not transactional); a statement whose parse fails is never remembered.
 * At most MAX_STATEMENTS are kept; the least recently used is closed when a new one needs the room (drizzle's
 * `inArray` makes one text per list length, so the set of texts is not fixed).
 *
 * It relies on PGlite methods that are public (`execProtocolStream`, `runExclusive`, `serializers`, `parsers`,
 * the `protocol` and `parse` exports) and two that are not (`_runExclusiveTransaction`, `_checkReady`); `withPreparedStatements`
 * refuses to start if any is missing, so an upgrade that changes them fails loudly at start-up, never quietly.
 */
export const MAX_STATEMENTS = 256;

type QueryOptions = { rowMode?: "array" | "object"; parsers?: unknown; blob?: unknown; paramTypes?: number[] };
type Results = ReturnType<typeof parse.parseResults>[number];
type Internals = PGlite & {
  _runExclusiveTransaction<T>(fn: () => Promise<T>): Promise<T>;
  _checkReady(): Promise<void>;
  serializers: Record<number, (v: unknown) => string>;
  parsers: Record<number, (v: string, typeId?: number) => unknown>;
};
type TxHandle = { query: (sql: string, params?: unknown[], opts?: QueryOptions) => Promise<Results>; closed: boolean };

const serialize = protocol.serialize;

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Patches this PGlite instance's `query` and `transaction` to send statements prepared under a name. */
export function withPreparedStatements(pg: PGlite): PGlite {
  const client = pg as Internals;
  for (const m of [
    "execProtocolStream",
    "runExclusive",
    "_runExclusiveTransaction",
    "_checkReady",
    "query",
    "transaction",
  ] as const)
    if (typeof client[m] !== "function") throw new Error(`PGlite changed: ${m} is gone; update db/pglite-prepared.ts`);
  if (typeof parse?.parseResults !== "function" || typeof serialize?.bind !== "function")
    throw new Error("PGlite changed: its protocol exports are gone; update db/pglite-prepared.ts");

  const plainQuery = client.query.bind(client);
  const plainTransaction = client.transaction.bind(client);
  /** Statement text → its name and parameter types, least recently used first. */
  const statements = new Map<string, { name: string; paramTypes: number[] }>();
  let counter = 0;

  /** Runs one statement; the caller holds PGlite's query lock. */
  async function run(sql: string, params: unknown[], opts: QueryOptions | undefined): Promise<Results> {
    let st = statements.get(sql);
    if (st) {
      statements.delete(sql);
      statements.set(sql, st);
    } else {
      const parts: Uint8Array[] = [];
      if (statements.size >= MAX_STATEMENTS) {
        const [oldest, old] = statements.entries().next().value!;
        statements.delete(oldest);
        parts.push(serialize.close({ type: "S", name: old.name }));
      }
      const name = `haven_${++counter}`;
      parts.push(
        serialize.parse({ name, text: sql, types: [] }),
        serialize.describe({ type: "S", name }),
        serialize.sync(),
      );
      const messages = await client.execProtocolStream(concat(parts), { syncToFs: false });
      const described = messages.find((m) => m.name === "parameterDescription") as
        { dataTypeIDs?: number[] } | undefined;
      st = { name, paramTypes: described?.dataTypeIDs ?? [] };
      statements.set(sql, st);
    }
    const types = st.paramTypes;
    const values = params.map((v, i) => {
      if (v === null || v === undefined) return null;
      const s = client.serializers[types[i]];
      return s ? s(v) : String(v);
    });
    const messages = await client.execProtocolStream(
      concat([
        serialize.bind({ statement: st.name, values }),
        serialize.describe({ type: "P" }),
        serialize.execute({}),
        serialize.sync(),
      ]),
      { syncToFs: false },
    );
    // PGlite's decoder copies every parser it knows (hundreds, with the array types) into a new object whenever the
    // caller passes its own, as drizzle does for each statement: that copy was most of the decoding time. The
    // caller's parsers over PGlite's, by prototype, are looked up the same way without the copy.
    if (!opts?.parsers) return parse.parseResults(messages, client.parsers, opts as never)[0];
    const parsers = Object.assign(Object.create(client.parsers), opts.parsers);
    return parse.parseResults(messages, parsers, { ...opts, parsers: undefined } as never)[0];
  }

  // COPY's blobs and explicit parameter types keep PGlite's own path (Haven uses neither).
  const special = (opts?: QueryOptions) => Boolean(opts?.blob || opts?.paramTypes);

  client.query = (async (sql: string, params: unknown[] = [], opts?: QueryOptions) => {
    if (special(opts)) return plainQuery(sql, params, opts as never);
    await client._checkReady();
    return client._runExclusiveTransaction(() =>
      client.runExclusive(async () => {
        const result = await run(sql, params, opts);
        await client.syncToFs();
        return result;
      }),
    );
  }) as PGlite["query"];

  client.transaction = (async (fn: (tx: TxHandle) => Promise<unknown>) =>
    plainTransaction(async (tx) => {
      const handle = tx as unknown as TxHandle;
      const prepared = Object.create(handle, {
        query: {
          value: async (sql: string, params: unknown[] = [], opts?: QueryOptions) => {
            if (handle.closed) throw new Error("Transaction is closed");
            if (special(opts)) return handle.query(sql, params, opts);
            return client.runExclusive(() => run(sql, params, opts));
          },
        },
      });
      return fn(prepared);
    })) as PGlite["transaction"];

  return pg;
}
