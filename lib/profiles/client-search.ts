import "server-only";
import { audit } from "@/lib/audit/write";
import { openFromUrl, sealForUrl } from "@/lib/core/crypto";
import type { Principal } from "@/lib/core/principal";
import { listClients } from "./clients";
import { clientListQuery, type ClientListQuery } from "./schemas";

/**
 * The client list's URL without names or email addresses in it (docs/decisions.md "No PHI in URLs"): the search
 * term travels sealed (lib/core/crypto.ts sealForUrl), bound to the signed-in user, so a copied, tampered or
 * stale link shows the unfiltered list instead of someone's name.
 */
export const CLIENTS_PATH = "/dashboard/clients";

const searchContext = (p: Pick<Principal, "userId">) => `clients.q:${p.userId}`;

type Params = Record<string, string | string[] | undefined>;

/** `/dashboard/clients?q=<sealed>&status=…&page=…` for this principal. */
export function clientListHref(
  p: Pick<Principal, "userId">,
  query: Partial<Pick<ClientListQuery, "q" | "status" | "todo" | "page">>,
  extra: Record<string, string> = {},
): string {
  const u = new URLSearchParams();
  if (query.q) u.set("q", sealForUrl(query.q, searchContext(p)));
  if (query.status && query.status !== "active") u.set("status", query.status);
  if (query.todo) u.set("todo", query.todo);
  if (query.page && query.page > 1) u.set("page", String(query.page));
  for (const [k, v] of Object.entries(extra)) u.set(k, v);
  const s = u.toString();
  return `${CLIENTS_PATH}${s ? `?${s}` : ""}`;
}

/**
 * The list query from the page's search params. `staleSearch` is true when `q` was present but did not open
 * (plain text, another user's link, a rotated key): the page says so and shows the unfiltered list.
 */
export function readClientListQuery(
  p: Pick<Principal, "userId">,
  params: Params,
): { query: ClientListQuery; staleSearch: boolean } {
  const raw = Object.fromEntries(Object.entries(params).filter((e): e is [string, string] => typeof e[1] === "string"));
  const q = raw.q ? openFromUrl(raw.q, searchContext(p)) : null;
  const parsed = clientListQuery.safeParse({ ...raw, q: q ?? "" });
  return { query: parsed.success ? parsed.data : clientListQuery.parse({}), staleSearch: Boolean(raw.q) && q === null };
}

/**
 * The client list page's data: names and email addresses of clients are PHI, so every view writes one
 * profile.list row with the ids shown (never the search term: audit detail carries names of fields and ids).
 */
export async function viewClientList(p: Principal, query: ClientListQuery) {
  const result = await listClients(p, query);
  await audit({
    action: "profile.list",
    actor: p,
    targetType: "profile",
    detail: {
      profileIds: result.rows.map((r) => r.id),
      page: result.page,
      status: query.status,
      searched: Boolean(query.q),
      todo: query.todo ?? null,
    },
  });
  return result;
}
