import { z } from "zod";

/**
 * All configuration, validated once (docs/decisions.md, Code conventions: Configuration module). No other module reads process.env
 * (except Next's own runtime flags NEXT_PHASE and NEXT_RUNTIME). NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY is read here
 * at run time too and handed to pages by the server (lib/payments/index.ts), never inlined into the bundle.
 * Every variable has a working local default or a clear start-up error.
 */
const bool = z
  .enum(["true", "false", "1", "0", ""])
  .optional()
  .transform((v) => v === "true" || v === "1");

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** Public URL of the app, used in emailed links. */
  APP_URL: z.url().default("http://localhost:3000"),
  /** PostgreSQL server; when unset the embedded PGlite database in DATA_DIR is used. */
  DATABASE_URL: z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined)),
  /** Connections in the postgres.js pool (each server process). */
  DATABASE_POOL_MAX: z.coerce.number().int().positive().default(10),
  /** Folder for the embedded database, the local file store and generated dev keys. */
  DATA_DIR: z.string().default(".data"),
  /** Secret for session cookies and token hashing. Generated into DATA_DIR in development. */
  AUTH_SECRET: z.string().min(32).optional(),
  /** Resend API key; when unset emails stay in the dev mailbox at /dev/mailbox. */
  RESEND_API_KEY: z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined)),
  RESEND_BASE_URL: z.url().optional(),
  EMAIL_FROM: z.string().default("Haven <no-reply@haven.local>"),
  /** The built-in dev mailbox at /dev/mailbox: auto = only without Resend and while APP_URL is local. */
  DEV_MAILBOX: z.enum(["auto", "on", "off"]).default("auto"),
  /** Turn the background email deliverer off (tests drive it by hand). */
  EMAIL_DELIVERER: z.enum(["on", "off"]).default("on"),
  /** Delivered outbox rows older than this many days are removed by the retention job (lib/email/retention.ts). */
  OUTBOX_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  /** Worker threads that render PDFs off the request's event loop (lib/pdf/pool.ts); 0 renders in-process. */
  PDF_WORKERS: z.coerce.number().int().min(0).max(8).default(1),
  /** Seed the demo practice at start-up on the embedded database. */
  SEED_DEMO: z.enum(["auto", "on", "off"]).default("auto"),
  /** 32-byte key (base64) for files at rest; generated into DATA_DIR in development. */
  FILE_ENCRYPTION_KEY: z.string().optional(),
  UPLOADTHING_TOKEN: z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined)),
  UPLOADTHING_INGEST_URL: z.url().optional(),
  /** Where new files go: unset = UploadThing when UPLOADTHING_TOKEN is set, else the local disk (lib/storage/index.ts). */
  STORAGE: z.enum(["local", "uploadthing", "s3", ""]).optional(),
  /** S3-compatible object storage (STORAGE=s3): endpoint unset = AWS itself. */
  S3_ENDPOINT: z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined))
    .pipe(z.url().optional()),
  S3_BUCKET: z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined)),
  S3_REGION: z.string().default("us-east-1"),
  /** Unset = the AWS SDK's default credential chain (instance role, AWS_* variables, shared config). */
  S3_ACCESS_KEY_ID: z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined)),
  S3_SECRET_ACCESS_KEY: z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined)),
  /** Path-style URLs (endpoint/bucket/key): MinIO, Ceph, Garage and most self-hosted servers need it. */
  S3_FORCE_PATH_STYLE: bool,
  /** Prepended to every object key, e.g. "haven/" to share a bucket. */
  S3_PREFIX: z.string().default(""),
  STRIPE_SECRET_KEY: z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined)),
  STRIPE_WEBHOOK_SECRET: z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined)),
  STRIPE_API_BASE: z.url().optional(),
  NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined)),
  /**
   * Read by server.mjs (which derives the client address): a reverse proxy is the only way in, so the right-most
   * X-Forwarded-For entry is the client. Kept here so the whole configuration is validated in one place.
   */
  TRUST_PROXY: bool,
  /**
   * Not configuration: a per-process secret server.mjs generates at start-up, proving that the client-address
   * header it sets came from it (lib/core/client-address.mjs). Unset under plain `next start`: every address is "unknown".
   */
  HAVEN_EDGE_SECRET: z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined)),
  /** 32-byte key (base64) that encrypts backup archives (`npm run backup` / `npm run restore`); kept apart from them. */
  BACKUP_KEY: z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined)),
  /** Where `npm run backup` finds the running server (on this machine): it takes the backup through it. */
  BACKUP_SERVER_URL: z.url().default("http://127.0.0.1:3000"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  /** Bench only: print one line per SQL statement so `npm run bench pages` can count them (lib/core/sql-count.ts). */
  BENCH_COUNT_SQL: bool,
  /** Rate limits per rolling hour (docs/product.md, Sign-in rule 6; docs/decisions.md, Sign-in and sessions: Rate limits). */
  RATE_LIMIT_LINK_PER_EMAIL: z.coerce.number().int().positive().default(5),
  RATE_LIMIT_LINK_PER_IP: z.coerce.number().int().positive().default(30),
  RATE_LIMIT_PIN_PER_IP: z.coerce.number().int().positive().default(10),
  /** Second-factor attempts (authenticator code or recovery code) per person per rolling 15 minutes. */
  RATE_LIMIT_SECOND_FACTOR_PER_USER: z.coerce.number().int().positive().default(10),
  /** Secure messages one person may send per rolling minute (docs/decisions.md, Messaging). */
  RATE_LIMIT_MESSAGES_PER_MINUTE: z.coerce.number().int().positive().default(20),
});

export type Env = z.infer<typeof schema>;

const KEYS = Object.keys(schema.shape) as (keyof typeof schema.shape)[];
let cached: { fingerprint: string; value: Env } | undefined;
/** A production server (`next start`), as opposed to tests that switch NODE_ENV between cases. */
const frozen = process.env.NODE_ENV === "production" && !process.env.VITEST;

/**
 * Parsed once per distinct configuration: the cache is keyed on the raw values of the variables above, so a
 * process.env changed at run time (tests switching configuration between cases) is re-read without any reset
 * hook. A production server's configuration (`frozen`) is fixed once it has started, so there the first parse is kept and
 * the common path is one property read: reading every variable for the key on each call was about 2 % of a
 * signed-in page's CPU time (`node --cpu-prof` under `npm run bench pages`, docs/performance.md).
 */
export function env(): Env {
  if (cached && frozen) return cached.value;
  const fingerprint = KEYS.map((k) => process.env[k] ?? "\u0000").join("\u0001");
  if (cached?.fingerprint === fingerprint) return cached.value;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  cached = { fingerprint, value: parsed.data };
  return parsed.data;
}

export const isSecureOrigin = () => env().APP_URL.startsWith("https://");
