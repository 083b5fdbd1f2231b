/**
 * The bench's floor (docs/performance.md): the least a dynamic page of this app can cost — the root layout, the
 * proxy and its CSP, nothing else. Only a build made with HAVEN_BENCH_BUILD=1 compiles it (next.config.ts adds the
 * `bench.tsx` page extension); an ordinary build has no such page.
 */
export const dynamic = "force-dynamic";

export const metadata = { title: "Floor" };

export default function BenchFloorPage() {
  return (
    <main>
      <h1>Floor</h1>
    </main>
  );
}
