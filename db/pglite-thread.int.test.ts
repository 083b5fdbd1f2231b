import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn, type ChildProcess } from "node:child_process";
import { PGlite } from "@electric-sql/pglite";
import { PgliteThread } from "./pglite-thread";
import { LOCK_STALE_MS } from "./folder-lock";
import { withPreparedStatements } from "./pglite-prepared";
import { isPostgresError, toDatabaseError } from "@/lib/core/errors";

/**
 * docs/decisions.md "The embedded database in its own thread": PGlite in a worker thread answers exactly as PGlite
 * in the server's thread did (rows, types, counts, errors), keeps a transaction's lock until the server's callback
 * ends, hears NOTIFY, and fails every call, never hangs, once the thread is gone.
 */
let inProcess: PGlite;
let thread: PgliteThread;

const setup = `
  create table t (id serial primary key, name text unique, at timestamptz, day date, n numeric, big bigint,
    tags text[], doc jsonb, flag boolean, bytes bytea);
  create table child (id int primary key, parent int references t(id) deferrable initially deferred);
  insert into t (name, at, day, n, big, tags, doc, flag, bytes) values
    ('a', '2026-12-04T10:00:00Z', '2026-12-04', 12.50, 9007199254740993, '{x,y}', '{"k":[1,2]}', true, '\\x0102ff'),
    ('b', null, null, null, null, null, null, null, null);`;

/** What drizzle's PGlite driver passes: its parsers keep dates and intervals as text (identity functions). */
const drizzle = (rowMode: "array" | "object") => ({
  rowMode,
  parsers: { 1114: (v: string) => v, 1184: (v: string) => v, 1082: (v: string) => v, 1186: (v: string) => v },
});

beforeAll(async () => {
  inProcess = withPreparedStatements(new PGlite("memory://"));
  thread = new PgliteThread("memory://");
  await inProcess.exec(setup);
  for (const statement of setup.split(";").filter((s) => s.trim())) await thread.query(statement);
}, 60_000);
afterAll(async () => {
  await inProcess.close();
  await thread.close();
});

describe("the embedded database in its own thread", () => {
  it("gives the same rows, fields and counts as PGlite in the server's thread", async () => {
    const cases: [string, unknown[], object | undefined][] = [
      ["select * from t order by id", [], undefined],
      ["select * from t where name = $1", ["a"], drizzle("array")],
      [
        "select id, at, day, tags, doc, bytes from t where id = any($1::int[]) order by id",
        [[1, 2]],
        drizzle("object"),
      ],
      [
        "select $1::jsonb as j, $2::timestamptz as at, $3::text[] as arr, $4::bytea as b, interval '1 day' as i",
        [{ a: 1 }, new Date("2026-01-02T03:04:05Z"), ["p", "q"], new Uint8Array([7, 8])],
        drizzle("object"),
      ],
      ["update t set flag = flag where id > $1", [0], undefined],
    ];
    for (const [sql, params, opts] of cases) {
      const a = await inProcess.query(sql, params, opts);
      const b = await thread.query(sql, params, opts);
      expect(b.rows).toEqual(a.rows);
      expect(b.fields).toEqual(a.fields);
      expect(b.affectedRows).toBe(a.affectedRows);
    }
    const [row] = (await thread.query("select at, big, bytes from t where id = 1")).rows as {
      at: Date;
      big: bigint;
      bytes: Uint8Array;
    }[];
    expect(row.at).toEqual(new Date("2026-12-04T10:00:00Z"));
    expect(row.big).toBe(9007199254740993n);
    expect([...row.bytes]).toEqual([1, 2, 255]);
    // drizzle's parsers keep the text: a timestamp arrives as Postgres wrote it.
    const kept = await thread.query("select at from t where id = 1", [], drizzle("array"));
    expect(kept.rows).toEqual([["2026-12-04 10:00:00+00"]]);
  });

  it("refuses parsers other than drizzle's, instead of silently ignoring them", async () => {
    const upper = { rowMode: "object" as const, parsers: { 25: (v: string) => v.toUpperCase() } };
    await expect(thread.query("select 'x'::text as v", [], upper)).rejects.toThrow(/parsers/);
  });

  it("commits a transaction when its callback returns, rolls it back when it throws", async () => {
    const kept = await thread.transaction(async (tx) => {
      await tx.query("insert into t (name) values ($1)", ["kept"]);
      return (await tx.query("select count(*)::int as n from t where name = $1", ["kept"])).rows;
    });
    expect(kept).toEqual([{ n: 1 }]);
    await expect(
      thread.transaction(async (tx) => {
        await tx.query("insert into t (name) values ($1)", ["dropped"]);
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    const counts = await thread.query(
      "select name, count(*)::int as n from t where name in ('kept', 'dropped') group by name",
    );
    expect(counts.rows).toEqual([{ name: "kept", n: 1 }]);
  });

  it("holds the transaction's lock until the callback ends: a statement from outside waits and sees its rows", async () => {
    const order: string[] = [];
    const tx = thread.transaction(async (t) => {
      await t.query("insert into t (name) values ($1)", ["tx-row"]);
      await new Promise((r) => setTimeout(r, 100));
      order.push("tx done");
    });
    await new Promise((r) => setTimeout(r, 20));
    const outside = thread.query("select count(*)::int as n from t where name = $1", ["tx-row"]).then((r) => {
      order.push("outside");
      return r.rows;
    });
    await tx;
    expect(await outside).toEqual([{ n: 1 }]);
    expect(order).toEqual(["tx done", "outside"]);
  });

  it("sends Postgres errors back with their fields and without the values they quote", async () => {
    const secret = "Alex Kim 1990-02-03";
    await thread.query("insert into t (name) values ($1)", [secret]);
    const error = await thread.query("insert into t (name) values ($1)", [secret]).catch((e: unknown) => e);
    expect(isPostgresError(error)).toBe(true);
    expect(error).toMatchObject({ code: "23505", constraint: "t_name_key", table: "t" });
    expect(JSON.stringify(error) + String(error) + (error as Error).stack).not.toContain("Alex");
    expect(toDatabaseError(error)).toMatchObject({ code: "23505", constraint: "t_name_key" });
    // A deferred constraint fails at COMMIT: that error reaches the caller of the transaction.
    await expect(
      thread.transaction(async (tx) => {
        await tx.query("insert into child (id, parent) values (1, 999)");
      }),
    ).rejects.toMatchObject({ code: "23503" });
    // And the database goes on working.
    expect((await thread.query("select count(*)::int as n from child")).rows).toEqual([{ n: 0 }]);
  });

  it("fails a call whose parameters cannot be copied to the thread, and goes on answering", async () => {
    await expect(thread.query("select $1::text as v", [() => "x"])).rejects.toThrow();
    // Nothing is left waiting (a waiting call keeps the process alive).
    expect((thread as unknown as { waiting: Map<number, unknown> }).waiting.size).toBe(0);
    expect((await thread.query("select $1::text as v", ["y"])).rows).toEqual([{ v: "y" }]);
  });

  it("a transaction's handle is closed once it ended", async () => {
    let handle: { query: (s: string) => Promise<unknown> } | undefined;
    await thread.transaction(async (tx) => {
      handle = tx;
    });
    await expect(handle!.query("select 1")).rejects.toThrow("Transaction is closed");
  });

  it("hears NOTIFY on a channel until it stops listening", async () => {
    const heard: string[] = [];
    const unlisten = await thread.listen("thread_test", (p) => heard.push(p));
    await thread.query("notify thread_test, 'id-1'");
    await expect.poll(() => heard).toEqual(["id-1"]);
    await unlisten();
    await thread.query("notify thread_test, 'id-2'");
    await thread.query("select 1");
    expect(heard).toEqual(["id-1"]);
  });
});

describe("when the thread is gone", () => {
  it("fails the call that was waiting and every later one, with an error", async () => {
    const doomed = new PgliteThread("memory://");
    await doomed.query("select 1");
    const waiting = doomed.query("select pg_sleep(0.5)");
    await (doomed as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
    await expect(waiting).rejects.toThrow("thread has stopped");
    await expect(doomed.query("select 1")).rejects.toThrow("thread has stopped");
    await expect(doomed.transaction(async () => 1)).rejects.toThrow("thread has stopped");
    await doomed.close();
  });

  it("says once that it stopped on its own, and never for a close", async () => {
    const stops: string[] = [];
    const doomed = new PgliteThread("memory://", { onStopped: (why) => stops.push(why) });
    await doomed.query("select 1");
    await (doomed as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
    await expect(doomed.query("select 1")).rejects.toThrow("thread has stopped");
    await doomed.close();
    expect(stops).toEqual(["thread"]);

    const closed: string[] = [];
    const fine = new PgliteThread("memory://", { onStopped: (why) => closed.push(why) });
    await fine.query("select 1");
    await fine.close();
    expect(closed).toEqual([]);
  });

  it("stops writing and says so when its folder's lock is lost", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "haven-lock-"));
    const stops: string[] = [];
    const t = new PgliteThread(dir, { onStopped: (why) => stops.push(why) });
    await t.query("create table kept (n int)");
    // Someone removed the lock (or another process took it over after this one stalled past its staleness).
    fs.rmSync(`${dir}.lock`, { recursive: true });
    await expect.poll(() => stops, { timeout: 15_000 }).toEqual(["lost"]);
    await expect(t.query("insert into kept values (1)")).rejects.toThrow("thread has stopped");
    await t.close();
    expect(stops).toEqual(["lost"]);
  }, 30_000);

  it("fails every call when the folder cannot be opened", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "haven-thread-")), "not-a-folder");
    fs.writeFileSync(file, "x");
    const broken = new PgliteThread(file);
    await expect(broken.query("select 1")).rejects.toThrow("thread has stopped");
    await broken.close();
  }, 30_000);
});

/**
 * docs/decisions.md, Platform notes: One process per PGlite folder. Two processes on one folder lose writes without
 * an error, so the folder's lock (db/folder-lock.ts) keeps a second one out.
 */
describe("one process per folder", () => {
  /** Another process that opens `dir` through PgliteThread, runs `sql`, prints the rows or the error, then waits. */
  function otherProcess(dir: string, sql: string, opts: { lockWaitMs?: number; hold?: boolean } = {}) {
    const code = `
      import { PgliteThread } from ${JSON.stringify(path.resolve("db/pglite-thread.ts"))};
      const t = new PgliteThread(${JSON.stringify(dir)}, { lockWaitMs: ${opts.lockWaitMs ?? 0} });
      t.query(${JSON.stringify(sql)}).then(
        (r) => console.log("rows " + JSON.stringify(r.rows)),
        (e) => console.log("failed " + e.message),
      ).then(async () => { ${opts.hold ? "setInterval(() => {}, 1000);" : "await t.close();"} });`;
    // Node itself runs the script (tsx as a loader, not its CLI, which would run it in a child of its own).
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "haven-lock-child-")), "child.ts");
    fs.writeFileSync(file, code);
    const child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", file], {
      env: { ...process.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d) => (out += String(d)));
    child.stderr.on("data", (d) => (out += String(d)));
    const line = new Promise<string>((resolve) => {
      const check = () => {
        const m = /^(rows|failed) .*$/m.exec(out);
        if (m) resolve(m[0]);
      };
      child.stdout.on("data", check);
      child.on("exit", () => resolve(out));
    });
    return { child, line, output: () => out };
  }
  const exited = (c: ChildProcess) => new Promise<void>((r) => (c.exitCode !== null ? r() : c.on("exit", () => r())));

  it("a second process is refused the folder while the first holds it, and the first's writes are all kept", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "haven-lock-"));
    const first = new PgliteThread(dir);
    await first.query("create table kept (n int)");
    await first.query("insert into kept select generate_series(1, 300)");

    const second = otherProcess(dir, "insert into kept values (999) returning n");
    expect(await second.line).toBe("failed The embedded database's thread has stopped");
    await exited(second.child);
    expect(second.output()).toContain("in use by another process");

    await first.query("insert into kept values (301)");
    await first.close();
    const third = otherProcess(dir, "select count(*)::int as n, max(n) as top from kept");
    expect(await third.line).toBe('rows [{"n":301,"top":301}]');
    await exited(third.child);
  }, 60_000);

  it("a process that starts while the folder is being closed waits for it, then opens it", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "haven-lock-"));
    const first = new PgliteThread(dir);
    await first.query("create table kept (n int)");
    await first.query("insert into kept values (1)");
    const second = otherProcess(dir, "select count(*)::int as n from kept", { lockWaitMs: 15_000 });
    setTimeout(() => void first.close(), 2_000);
    expect(await second.line).toBe('rows [{"n":1}]');
    await exited(second.child);
  }, 60_000);

  it("a process killed while holding the folder leaves a lock that is taken over once it is stale", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "haven-lock-"));
    const killed = otherProcess(dir, "create table kept as select 7 as n", { hold: true });
    expect(await killed.line).toBe("rows []");
    killed.child.kill("SIGKILL");
    await exited(killed.child);
    expect(fs.existsSync(`${dir}.lock`)).toBe(true);
    const started = Date.now();
    const next = new PgliteThread(dir, { lockWaitMs: LOCK_STALE_MS + 10_000 });
    expect((await next.query("select n from kept")).rows).toEqual([{ n: 7 }]);
    expect(Date.now() - started).toBeLessThan(LOCK_STALE_MS + 10_000);
    await next.close();
    expect(fs.existsSync(`${dir}.lock`)).toBe(false);
  }, 90_000);
});
