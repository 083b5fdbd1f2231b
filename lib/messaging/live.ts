import "server-only";
import { sql } from "drizzle-orm";
import { db, listen } from "@/db";
import { log } from "@/lib/core/log";

/**
 * Live delivery across every app server (docs/decisions.md, Messaging: live delivery). A change to a conversation
 * is announced with NOTIFY on one channel, carrying only the conversation's id (no PHI). Each server process holds
 * one LISTEN (PostgreSQL's on postgres.js, PGlite's own on the embedded database) and hands the id to the pages it
 * has open on that conversation (the server-sent-events route), which then reload their messages. A second server
 * on the same PostgreSQL hears the same NOTIFY, so a message sent through one appears on the other.
 */
export const CHANNEL = "haven_messages";

type Subscriber = (conversationId: string) => void;
const g = globalThis as unknown as {
  __havenMessageHub?: { subs: Map<string, Set<Subscriber>>; ready: Promise<void> | null };
};

function hub() {
  g.__havenMessageHub ??= { subs: new Map(), ready: null };
  return g.__havenMessageHub;
}

function deliver(payload: string) {
  const subs = hub().subs.get(payload);
  if (!subs) return;
  for (const s of subs) {
    try {
      s(payload);
    } catch (e) {
      log.error("message subscriber failed", e);
    }
  }
}

/** Starts this process's one LISTEN (once); later calls wait for the same one. */
export function startListening(): Promise<void> {
  const h = hub();
  h.ready ??= listen(CHANNEL, deliver).then(
    () => undefined,
    (e) => {
      h.ready = null;
      throw e;
    },
  );
  return h.ready;
}

/** Hears changes to one conversation (from any server) until the returned function is called. */
export async function subscribe(conversationId: string, fn: Subscriber): Promise<() => void> {
  await startListening();
  const h = hub();
  const set = h.subs.get(conversationId) ?? new Set();
  set.add(fn);
  h.subs.set(conversationId, set);
  return () => {
    set.delete(fn);
    if (set.size === 0) h.subs.delete(conversationId);
  };
}

/** Tells every server that a conversation changed (after the change committed). */
export async function notifyConversation(conversationId: string): Promise<void> {
  try {
    await db.execute(sql`select pg_notify(${CHANNEL}, ${conversationId})`);
  } catch (e) {
    // The message is stored; the other side sees it on the next reload.
    log.error("could not announce a message", e);
  }
}
