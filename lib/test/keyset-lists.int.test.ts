import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { db } from "@/db";
import { DEMO } from "@/lib/demo/seed";
import { NotFoundError } from "@/lib/core/errors";
import { readPageRequest, type PageRequest } from "@/lib/core/keyset";
import { DOCUMENT_PAGE_SIZE, pageProfileDocuments } from "@/lib/documents";
import { loadConversation, loadProfileConversation } from "@/lib/messaging/pages";
import { MESSAGE_PAGE_SIZE } from "@/lib/messaging/messages";
import { makeClient, principalFor } from "@/lib/test/auth-fixtures";
import { DASHBOARD_ALERTS, viewAlertsPage, viewReviewQueue } from "@/lib/forms/views";

/**
 * Keyset pages of the documents lists and of a conversation (lib/core/keyset.ts): every row once, in order, even
 * where rows share a timestamp; no "Older" on the last page; a bad cursor starts over; and a cursor taken from one
 * person's list never shows them, or anyone else, rows outside their own scope.
 */

/** `n` rows' timestamps: the first half on one microsecond, the rest one per microsecond a millisecond later. */
const at = (n: number) =>
  sql`case when g <= ${Math.floor(n / 2)} then timestamptz '2031-04-01 10:00:00.500001+00'
           else timestamptz '2031-04-01 10:00:00.501+00' + g * interval '1 microsecond' end`;

async function addUploads(profileId: string, userId: string, n: number) {
  await db.execute(sql`
    insert into documents (id, profile_id, direction, file_name, mime_type, size_bytes, sha256, storage_backend,
                           storage_key, uploaded_by_id, created_at)
    select gen_random_uuid(), ${profileId}::uuid, 'uploaded', 'scan-' || g || '.pdf', 'application/pdf', 1000,
           repeat('0', 64), 'local', 'keyset/' || g, ${userId}::uuid, ${at(n)}
    from generate_series(1, ${n}::int) g`);
}

async function addMessages(profileId: string, userId: string, n: number, prefix = "message"): Promise<string> {
  const [c] = (await db
    .execute(
      sql`insert into conversations (profile_id, last_message_at) values (${profileId}::uuid, now()) returning id`,
    )
    .then((r) => ("rows" in r ? r.rows : r))) as { id: string }[];
  await db.execute(sql`
    insert into messages (conversation_id, sender_id, side, body, created_at)
    select ${c.id}::uuid, ${userId}::uuid, 'client', ${prefix} || ' ' || g, ${at(n)}
    from generate_series(1, ${n}::int) g`);
  return c.id;
}

/** Follows "Older" from the first page to the last; returns each page's items. */
async function walk<T>(
  load: (page: PageRequest) => Promise<{ rows: T[]; older: string | null; newer: string | null }>,
): Promise<{ pages: T[][]; last: { older: string | null; newer: string | null } }> {
  const pages: T[][] = [];
  let page: PageRequest = null;
  for (;;) {
    const r = await load(page);
    pages.push(r.rows);
    expect(r.newer === null, "only the first page has no Newer").toBe(page === null);
    if (!r.older) return { pages, last: r };
    page = readPageRequest({ after: r.older }).page;
    expect(pages.length).toBeLessThan(20);
  }
}

describe("documents lists by keyset", () => {
  it("pages a client's uploads without gaps or repeats, for the client and for staff", async () => {
    const a = await makeClient("keyset-docs-a");
    await addUploads(a.profile.id, a.user.id, 60);
    const client = await principalFor(a.user.email, "test", a.profile.id);
    const ana = await principalFor(DEMO.ana, "test");
    for (const who of [client, ana]) {
      const { pages } = await walk(async (page) => {
        const r = await pageProfileDocuments(who, a.profile.id, { shared: null, uploaded: page });
        return { ...r.uploaded, rows: r.uploaded.rows.map((d) => d.fileName) };
      });
      expect(pages.map((p) => p.length)).toEqual([DOCUMENT_PAGE_SIZE, DOCUMENT_PAGE_SIZE, 60 - 2 * DOCUMENT_PAGE_SIZE]);
      const all = pages.flat();
      expect(new Set(all).size, "no document twice").toBe(60);
      // Newest first: the later millisecond's uploads (31–60, newest is 60), then the shared microsecond's.
      expect(all[0]).toBe("scan-60.pdf");
      expect(all.slice(0, 30)).toEqual(Array.from({ length: 30 }, (_, i) => `scan-${60 - i}.pdf`));
    }
  });

  it("an outsider's cursor shows them only their own rows, and another's list stays not-found", async () => {
    const a = await makeClient("keyset-docs-owner");
    const b = await makeClient("keyset-docs-outsider");
    await addUploads(a.profile.id, a.user.id, 40);
    await addUploads(b.profile.id, b.user.id, 4);
    const owner = await principalFor(a.user.email, "test", a.profile.id);
    const outsider = await principalFor(b.user.email, "test", b.profile.id);
    const first = await pageProfileDocuments(owner, a.profile.id, { shared: null, uploaded: null });
    const cursor = readPageRequest({ uploads_after: first.uploaded.older! }, "uploads").page;
    expect(cursor).not.toBeNull();

    const seen = await pageProfileDocuments(outsider, b.profile.id, { shared: null, uploaded: cursor });
    const own = new Set(
      (await pageProfileDocuments(outsider, b.profile.id, { shared: null, uploaded: null })).uploaded.rows.map(
        (d) => d.id,
      ),
    );
    const owners = new Set(first.uploaded.rows.map((d) => d.id));
    for (const d of seen.uploaded.rows) {
      expect(own.has(d.id)).toBe(true);
      expect(owners.has(d.id)).toBe(false);
    }
    await expect(
      pageProfileDocuments(outsider, a.profile.id, { shared: null, uploaded: cursor }),
    ).rejects.toBeInstanceOf(NotFoundError);
    const sam = await principalFor(DEMO.sam, "test");
    await expect(pageProfileDocuments(sam, a.profile.id, { shared: null, uploaded: cursor })).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it("a tampered cursor is no cursor: the newest page, flagged, never an error", async () => {
    const a = await makeClient("keyset-docs-tamper");
    await addUploads(a.profile.id, a.user.id, 30);
    const client = await principalFor(a.user.email, "test", a.profile.id);
    const newest = (await pageProfileDocuments(client, a.profile.id, { shared: null, uploaded: null })).uploaded;
    for (const token of ["%%%", "AAAA", Buffer.from("2031-04-01T10:00:00.500001Z_' or 1=1").toString("base64url")]) {
      const r = readPageRequest({ uploads_after: token }, "uploads");
      expect(r).toEqual({ page: null, invalid: true });
      const page = await pageProfileDocuments(client, a.profile.id, { shared: null, uploaded: r.page });
      expect(page.uploaded.rows.map((d) => d.id)).toEqual(newest.rows.map((d) => d.id));
    }
  });
});

describe("a conversation's messages by keyset", () => {
  it("shows the newest messages oldest-first, and Older messages walks back through the rest once each", async () => {
    const a = await makeClient("keyset-msgs");
    const conversationId = await addMessages(a.profile.id, a.user.id, 120);
    const client = await principalFor(a.user.email, "test", a.profile.id);
    const { pages, last } = await walk(async (page) => {
      const r = await loadProfileConversation(client, a.profile.id, page);
      return { rows: r.messages.map((m) => m.body), older: r.older, newer: r.newer };
    });
    expect(pages.map((p) => p.length)).toEqual([MESSAGE_PAGE_SIZE, MESSAGE_PAGE_SIZE, 120 - 2 * MESSAGE_PAGE_SIZE]);
    // Each page reads top to bottom, oldest first; the first page ends with the newest message.
    expect(pages[0].at(-1)).toBe("message 120");
    expect(pages[0][0]).toBe(`message ${120 - MESSAGE_PAGE_SIZE + 1}`);
    expect(new Set(pages.flat()).size).toBe(120);
    expect(last.older).toBeNull();

    // "Newer messages" from the last page leads back to the middle one.
    const back = await loadConversation(client, conversationId, readPageRequest({ before: last.newer! }).page);
    expect(back.messages.map((m) => m.body)).toEqual(pages[1]);

    // Another client with that cursor: only their own conversation, or not-found for this one.
    const b = await makeClient("keyset-msgs-outsider");
    await addMessages(b.profile.id, b.user.id, 3, "theirs");
    const outsider = await principalFor(b.user.email, "test", b.profile.id);
    for (const cursor of [
      readPageRequest({ before: last.newer! }).page,
      readPageRequest({ after: last.newer! }).page,
    ]) {
      const theirs = await loadProfileConversation(outsider, b.profile.id, cursor);
      expect(theirs.messages.length).toBeGreaterThan(0);
      for (const m of theirs.messages) expect(m.body).toMatch(/^theirs \d$/);
    }
    const cursor = readPageRequest({ before: last.newer! }).page;
    await expect(loadConversation(outsider, conversationId, cursor)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("open safety alerts by keyset", () => {
  it("pages a clinician's alerts; another clinician's cursor shows only their own", async () => {
    const a = await makeClient("keyset-alerts-ana");
    const s = await makeClient("keyset-alerts-sam", DEMO.sam);
    for (const [c, n] of [
      [a, 60],
      [s, 3],
    ] as const) {
      await db.execute(sql`
        with r as (
          insert into form_responses (profile_id, template_version_id, sent_by_id, status, submitted_at, score, band)
          select ${c.profile.id}::uuid, (select id from form_template_versions order by id limit 1), ${c.clinician.id}::uuid,
                 'submitted', ${at(n)}, 21, 'severe'
          from generate_series(1, ${n}::int) g
          returning id, submitted_at
        )
        insert into safety_alerts (response_id, profile_id, item_value, created_at)
        select id, ${c.profile.id}::uuid, 2, submitted_at from r`);
    }
    const ana = await principalFor(DEMO.ana, "test");
    const sam = await principalFor(DEMO.sam, "test");
    const { pages } = await walk(async (page) => {
      const r = await viewAlertsPage(ana, page);
      return { ...r, rows: r.rows.filter((x) => x.profileId === a.profile.id).map((x) => x.id) };
    });
    expect(new Set(pages.flat()).size, "each of the client's 60 alerts once").toBe(60);
    expect(pages.flat()).toHaveLength(60);

    const first = await viewAlertsPage(ana, null);
    const cursor = readPageRequest({ after: first.older! }).page;
    for (const page of [null, cursor]) {
      const theirs = await viewAlertsPage(sam, page);
      for (const x of theirs.rows) expect(x.profileId).not.toBe(a.profile.id);
    }
    const dashboard = await viewReviewQueue(ana);
    expect(dashboard.alerts).toHaveLength(DASHBOARD_ALERTS);
    expect(dashboard.moreAlerts).not.toBeNull();
  });
});
