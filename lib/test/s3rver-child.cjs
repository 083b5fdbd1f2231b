// A real S3 protocol server for tests and benchmarks (lib/test/s3-server.ts starts it in its own process, so a
// benchmark measures only the app's memory). Prints its port once listening.
/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS run by node directly */
const S3rver = require("s3rver");
const [directory, bucket] = process.argv.slice(2);
new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] })
  .run()
  .then(({ port }) => console.log(JSON.stringify({ port })));
