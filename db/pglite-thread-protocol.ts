/** Messages between the server and the embedded database's thread (db/pglite-thread.ts, db/pglite-worker.ts). */
export type ThreadRequest =
  | {
      id: number;
      op: "query";
      sql: string;
      params: unknown[];
      rowMode?: "array" | "object";
      /** Type ids whose values drizzle keeps as text (its parsers are identity functions, which cannot be sent). */
      identity?: number[];
      tx?: number;
    }
  | { id: number; op: "begin" }
  | { id: number; op: "end"; tx: number; commit: boolean }
  | { id: number; op: "listen"; channel: string }
  | { id: number; op: "unlisten"; listen: number }
  | { id: number; op: "close" };

/** A database error's Postgres fields, without its message or detail (they can quote a value). */
export type WireError = {
  name: string;
  code?: string;
  severity?: string;
  constraint?: string;
  table?: string;
  column?: string;
  message?: string;
};

export type ThreadReply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: WireError }
  | { notify: number; payload: string }
  | { ready: true }
  | { failed: WireError };
