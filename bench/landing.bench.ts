import autocannon from "autocannon";
import { percentile, startServer } from "./lib";

/**
 * Requests/s and p50/p95 latency of the landing page against a static page of the same build
 * (public/static-check.html), 32 connections, 10 s each.
 */
async function measure(url: string, seconds: number) {
  const times: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url, connections: 32, duration: seconds }, (err, res) =>
      err ? reject(err) : resolve(res),
    );
    instance.on("response", (_client, _status, _bytes, responseTime) => times.push(responseTime));
  });
  times.sort((a, b) => a - b);
  return {
    rps: result.requests.average,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    errors: result.errors + result.non2xx,
    total: times.length,
  };
}

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
