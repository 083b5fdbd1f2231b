import Link from "next/link";
import { requirePagePrincipal } from "@/lib/auth/guards";
import { isAdmin } from "@/lib/core/principal";
import { clientListHref, readClientListQuery, viewClientList } from "@/lib/profiles/client-search";
import { searchClientsAction } from "@/lib/profiles/actions";
import { buttonClass } from "@/components/ui/button";
import { PROFILE_TYPE_LABEL } from "@/lib/profiles/labels";

export const dynamic = "force-dynamic";
export const metadata = { title: "Clients" };

type SP = Promise<Record<string, string | string[] | undefined>>;

export default async function ClientsPage({ searchParams }: { searchParams: SP }) {
  const p = await requirePagePrincipal("staff");
  const raw = await searchParams;
  const { query, staleSearch } = readClientListQuery(p, raw);
  const { rows, hasMore, page } = await viewClientList(p, query);
  // Page links carry the search sealed again (never the plain term): see lib/profiles/client-search.ts.
  const link = (n: number) => clientListHref(p, { ...query, page: n });
  const qError = raw.error === "q" ? "Search for at most 100 characters." : null;
  return (
    <div className="flex flex-col gap-5">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">Clients</h1>
        <Link href="/dashboard/clients/new" className={buttonClass("primary")}>
          New client
        </Link>
      </div>
      {/* POST to a server action, not GET: a name or email typed here must never reach the URL. */}
      <form
        action={searchClientsAction}
        role="search"
        aria-label="Clients"
        className="flex flex-col gap-3 rounded-md border border-slate-200 bg-white p-4 sm:flex-row sm:items-end"
      >
        <div className="flex flex-1 flex-col gap-1">
          <label htmlFor="q" className="text-sm font-medium text-slate-800">
            Search by name or email
          </label>
          <input
            id="q"
            name="q"
            type="search"
            maxLength={100}
            defaultValue={query.q}
            aria-invalid={qError ? true : undefined}
            aria-describedby={qError ? "q-error" : undefined}
            className="min-h-11 w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base aria-[invalid=true]:border-red-700"
          />
          {qError ? (
            <p id="q-error" className="text-sm font-medium text-red-800">
              {qError}
            </p>
          ) : null}
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="status" className="text-sm font-medium text-slate-800">
            Show
          </label>
          <select
            id="status"
            name="status"
            defaultValue={query.status}
            className="min-h-11 rounded-md border border-slate-400 bg-white px-3 py-2 text-base"
          >
            <option value="active">Active clients</option>
            <option value="archived">Archived clients</option>
            <option value="all">All clients</option>
          </select>
        </div>
        <button type="submit" className={buttonClass("secondary")}>
          Search
        </button>
      </form>
      {staleSearch ? (
        <p role="status" className="text-sm text-slate-700">
          That search link is no longer valid, so all clients are shown. Search again above.
        </p>
      ) : null}
      {query.todo ? (
        <p className="text-sm text-slate-700">
          Showing clients with{" "}
          {query.todo === "not-invited" ? "portal users not yet invited" : "invitations not yet accepted"}.{" "}
          <Link href="/dashboard/clients" className={buttonClass("link")}>
            Show all
          </Link>
        </p>
      ) : null}
      {rows.length === 0 ? (
        <p className="text-slate-700">No clients found.</p>
      ) : (
        <ul aria-label="Client list" className="divide-y divide-slate-200 rounded-md border border-slate-200 bg-white">
          {rows.map((r) => (
            <li key={r.id} className="flex flex-col gap-1 px-4 py-3" data-testid="client-row">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <Link
                  href={`/dashboard/clients/${r.id}`}
                  className="font-semibold text-brand-800 underline underline-offset-2"
                >
                  {r.legalName}
                </Link>
                <span className="text-sm text-slate-700">
                  {PROFILE_TYPE_LABEL[r.type]}
                  {r.archivedAt ? " · Archived" : ""}
                </span>
              </div>
              {r.preferredName ? <p className="text-sm text-slate-700">Goes by {r.preferredName}</p> : null}
              {r.emails.length ? (
                <p className="text-sm text-slate-700">{r.emails.join(", ")}</p>
              ) : (
                <p className="text-sm text-slate-700">No portal user</p>
              )}
              {isAdmin(p) ? <p className="text-sm text-slate-700">Clinician: {r.clinicianName ?? "—"}</p> : null}
            </li>
          ))}
        </ul>
      )}
      {page > 1 || hasMore ? (
        <nav aria-label="Pages" className="flex justify-between gap-3">
          {page > 1 ? (
            <Link href={link(page - 1)} className={buttonClass("secondary")}>
              Previous page
            </Link>
          ) : (
            <span />
          )}
          {hasMore ? (
            <Link href={link(page + 1)} className={buttonClass("secondary")}>
              Next page
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
