import { measurePage, startServer } from "./lib";

/** Requests/s and p50/p95 latency of one address, 32 connections (the landing page against public/static-check.html). */
const measure = (url: string, seconds: number) => measurePage(url, null, seconds, 32);

export default async function landingBench() {
  const server = await startServer(Number(process.env.BENCH_PORT ?? 3300));
  try {
    // Warm up both routes.
    await measure(`${server.url}/`, 2);
    await measure(`${server.url}/static-check.html`, 2);
    const landing = await measure(`${server.url}/`, 10);
    const stat = await measure(`${server.url}/static-check.html`, 10);
    console.log("landing page vs static page, 32 connections, 10 s each");
    console.table({
      "landing /": {
        "req/s": Math.round(landing.rps),
        "p50 ms": +landing.p50.toFixed(1),
        "p95 ms": +landing.p95.toFixed(1),
        requests: landing.total,
        errors: landing.errors,
      },
      "static /static-check.html": {
        "req/s": Math.round(stat.rps),
        "p50 ms": +stat.p50.toFixed(1),
        "p95 ms": +stat.p95.toFixed(1),
        requests: stat.total,
        errors: stat.errors,
      },
    });
    console.log(`landing throughput is ${((landing.rps / stat.rps) * 100).toFixed(0)} % of the static page's`);
  } finally {
    await server.stop();
  }
}
