import { z } from 'zod'
import { resilienceShape } from './resilience-shape.ts'
import { returnsShape } from './returns-shape.ts'
import { waitingRoomShape } from './waiting-room-shape.ts'
import { observabilityShape } from './observability-shape.ts'
import { securityShape } from './security-shape.ts'
import { mediaShape } from './media-shape.ts'
import { parseSecretKey } from './secret-key.ts'

const optionalUrl = (protocols: readonly string[]) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v === '' ? undefined : v))
    .refine((v) => v === undefined || protocols.some((p) => v.startsWith(`${p}://`)), {
      message: `must be a URL starting with ${protocols.map((p) => `${p}://`).join(' or ')}`,
    })

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback)
const int = (min: number, max: number, fallback: number) => z.coerce.number().int().min(min).max(max).default(fallback)

const emptyAsUnset = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v === '' ? undefined : v))

const isMailbox = (s: string): boolean => {
  const m = /^\s*(?:"([^"\r\n]*)"|([^"<>\r\n]*?))\s*<([^<>\s]+)>\s*$/.exec(s)
  const address = m ? m[3] : s.trim()
  return address !== undefined && z.email().safeParse(address).success
}

const isLocale = (s: string): boolean => {
  try {
    return Intl.NumberFormat.supportedLocalesOf([s]).length === 1
  } catch {
    return false
  }
}

/** E-mail (docs/notifications.md); the same names, defaults and checks as the notifications module's own schema. */
const mailShape = {
  /** SMTP when set (`smtp://` or `smtps://`, credentials in the URL); otherwise the file sink */
  SMTP_URL: emptyAsUnset.refine((v) => v === undefined || /^smtps?:\/\//.test(v), {
    message: 'must be a URL starting with smtp:// or smtps://',
  }),
  SMTP_POOL_SIZE: int(1, 50, 5),
  /** per wait: connecting, the greeting, and any silence during a send */
  SMTP_TIMEOUT_MS: int(1000, 300_000, 20_000),
  /** the sender; without a display name the store name is used */
  MAIL_FROM: z.string().trim().default('no-reply@crest.localhost').refine(isMailbox, { message: 'must be an address or "Name <address>"' }),
  /** where the file sink writes .eml files; default `<DATA_DIR>/mail` */
  MAIL_DIR: emptyAsUnset,
  /** money and dates in e-mails */
  MAIL_LOCALE: z.string().trim().default('en-IE').refine(isLocale, { message: 'must be a locale such as en-IE or nb-NO' }),
  /** sending attempts per e-mail, the first included; then it is marked failed */
  MAIL_MAX_ATTEMPTS: int(1, 50, 8),
  /** back-off after a failed attempt: base, doubling, up to the cap (with jitter) */
  MAIL_RETRY_BASE_MS: int(100, 3_600_000, 30_000),
  MAIL_RETRY_MAX_MS: int(100, 86_400_000, 3_600_000),
  /** a claimed e-mail is claimed again after this if its sender never reported back (crashed) */
  MAIL_LEASE_MS: int(5_000, 3_600_000, 120_000),
  /** e-mails one sendDue run claims at most, and how many it sends at once */
  MAIL_BATCH_SIZE: int(1, 1000, 50),
  MAIL_CONCURRENCY: int(1, 64, 4),
  /** how often the worker looks for due e-mails */
  MAIL_POLL_INTERVAL_MS: int(100, 600_000, 2_000),
} as const

const COUNTRY_LIST = /^\s*([A-Za-z]{2}\s*(,\s*[A-Za-z]{2}\s*)*)?$/

/** Order processing after checkout (docs/processing.md): carriers, capture policy, risk rules. */
const processingShape = {
  /** comma-separated `name=kind[@url]`, the first one books shipments, e.g. `sandbox=sandbox@http://127.0.0.1:4020` */
  CARRIERS: z.string().default('sandbox=sandbox@http://127.0.0.1:4020'),
  /** `npm start` runs the sandbox carrier alongside the store on this port, webhooks pointed at the store (0: do not) */
  SANDBOX_CARRIER_PORT: int(0, 65535, 4020),
  /** the secret carrier webhooks are signed with (the sandbox carrier's default) */
  CARRIER_WEBHOOK_SECRET: z.string().min(1).default('whsec_crest_sandbox_carrier'),
  /** parcels are sent from this country (ISO 3166-1 alpha-2); default DEFAULT_COUNTRY */
  SHIP_FROM_COUNTRY: emptyAsUnset.refine((v) => v === undefined || /^[A-Za-z]{2}$/.test(v), {
    message: 'must be a two-letter country code',
  }),
  /** on_fulfillment: capture when the first parcel is on its way; immediate: when the order is placed */
  CAPTURE_POLICY: z.enum(['on_fulfillment', 'immediate']).default('on_fulfillment'),
  /** how often due captures are made (and failed ones retried) */
  CAPTURE_INTERVAL_MS: int(50, 600_000, 2_000),
  /** how often shipments without recent news are polled at their carrier (0: never; webhooks only) */
  CARRIER_POLL_INTERVAL_MS: int(0, 86_400_000, 60_000),
  /** offer the first carrier's live rates beside the zone options (docs/processing.md, "Live carrier rates") */
  LIVE_RATES: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** how long a carrier's answer waits before the zone options are offered alone */
  LIVE_RATES_TIMEOUT_MS: int(50, 30_000, 1_500),
  /** how long a carrier's rates are reused per destination and weight band (Redis when REDIS_URL, else in-process) */
  LIVE_RATES_CACHE_SECONDS: int(1, 86_400, 300),
  /** how long a shopper may check out at a live rate they were shown */
  LIVE_RATES_QUOTE_SECONDS: int(60, 86_400, 1_800),
  /** carts with items and an e-mail, idle this long and not ordered, get one reminder (0: never) */
  ABANDONED_CART_AFTER_MINUTES: int(0, 43_200, 60),
  /** how often the abandoned-cart job looks */
  ABANDONED_CART_INTERVAL_MS: int(1_000, 3_600_000, 60_000),
  /** hold an order for review when its total (minor units) is above this; 0: no limit */
  RISK_HOLD_ABOVE: int(0, Number.MAX_SAFE_INTEGER, 0),
  /** hold an order shipping to a country not in this comma-separated list; empty: any country */
  RISK_ALLOWED_COUNTRIES: z
    .string()
    .default('')
    .refine((v) => COUNTRY_LIST.test(v), { message: 'must be comma-separated two-letter country codes' })
    .transform((v) =>
      v
        .split(',')
        .map((c) => c.trim().toUpperCase())
        .filter((c) => c !== ''),
    ),
  /** hold an order when its e-mail placed more than this many orders in the past hour; 0: no limit */
  RISK_MAX_ORDERS_PER_EMAIL_HOUR: int(0, 1_000_000, 0),
} as const

export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  /** descriptors of the listening socket that accept new connections, each one per turn of the event loop (decision 0023); 1: Node's own only */
  HTTP_ACCEPT_LISTENERS: z.coerce.number().int().min(1).max(64).default(16),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: optionalUrl(['postgres', 'postgresql']),
  /** read replicas (docs/replicas.md): comma-separated PostgreSQL URLs; catalog reads and reports go to them */
  DATABASE_REPLICA_URLS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((u) => u.trim())
        .filter((u) => u !== ''),
    )
    .refine((urls) => urls.every((u) => /^postgres(ql)?:\/\/./.test(u) && URL.canParse(u)), {
      message: 'must be comma-separated URLs starting with postgres:// or postgresql://',
    }),
  /** a replica further behind the primary than this leaves rotation until it catches up */
  DATABASE_REPLICA_MAX_LAG_SECONDS: z.coerce.number().min(0.1).max(3600).default(5),
  /** how often each process checks its replicas (lag, paused, reachable) */
  DATABASE_REPLICA_CHECK_INTERVAL_MS: int(100, 60_000, 1000),
  /** after a write, the shopper's reads wait for a replica that has replayed it (a cookie of this lifetime) */
  DATABASE_READ_AFTER_WRITE_SECONDS: int(1, 86_400, 300),
  DATABASE_POOL_SIZE: positiveInt(10),
  /** statements run again and again are prepared once per connection (decision 0022); false behind PgBouncer older than 1.21 in transaction mode */
  DATABASE_PREPARED_STATEMENTS: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  REDIS_URL: optionalUrl(['redis', 'rediss']),
  REDIS_PREFIX: z.string().default('crest:'),
  NATS_URL: optionalUrl(['nats']),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PUBLIC_URL: optionalUrl(['http', 'https']),
  STORE_NAME: z.string().min(1).default('Crest Demo Store'),
  DEFAULT_CURRENCY: z.enum(['EUR', 'USD', 'GBP', 'NOK', 'SEK']).default('EUR'),
  CACHE_MAX_ENTRIES: positiveInt(5000),
  CACHE_TTL_SECONDS: positiveInt(300),
  HTTP_S_MAXAGE: z.coerce.number().int().min(0).default(60),
  HTTP_STALE_WHILE_REVALIDATE: z.coerce.number().int().min(0).default(300),
  SHUTDOWN_GRACE_MS: positiveInt(10_000),
  STAFF_TOKEN_TTL_HOURS: positiveInt(12),
  /** owner and admin sign in with TOTP: `required`, `optional`, or `auto` = required when NODE_ENV=production (docs/staff-security.md) */
  STAFF_MFA: z.enum(['required', 'optional', 'auto']).default('auto'),
  /** seals TOTP secrets at rest (AES-256-GCM): 32 random bytes, base64 or hex (`openssl rand -base64 32`); required in production */
  STAFF_SECRET_KEY: emptyAsUnset.refine((v) => v === undefined || parseSecretKey(v) !== null, {
    message: 'must be 32 bytes, base64 or hex (e.g. the output of `openssl rand -base64 32`)',
  }),
  SEED_PRODUCTS: z.coerce.number().int().min(0).default(2000),
  /** availability at or below this is shown exactly; above it cached pages may lag by a cache TTL */
  STOCK_EXACT_BELOW: z.coerce.number().int().min(0).default(10),
  /** how long a checkout's stock stays reserved while payment is pending */
  RESERVATION_TTL_SECONDS: positiveInt(900),
  /** a checkout whose payment never settled (a crash) is asked again after this long */
  PAYMENT_RECONCILE_AFTER_SECONDS: positiveInt(30),
  /** how often expired reservations are released (their unpaid orders canceled) */
  RESERVATION_SWEEP_INTERVAL_MS: int(100, 600_000, 5_000),
  /** how often unsettled payments and unknown gateway answers are looked up again */
  PAYMENT_RECOVERY_INTERVAL_MS: int(100, 600_000, 10_000),
  /** a scheduled job's lease lasts three intervals, at least this: a dead process's jobs are taken over this much later at most */
  JOB_LEASE_MIN_MS: int(1_000, 600_000, 15_000),
  PRICES_INCLUDE_TAX: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  DEFAULT_COUNTRY: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .default('NO'),
  CART_MAX_QUANTITY: positiveInt(50),
  /** load shedding: requests in flight per route class before answering 503 + Retry-After */
  SHED_CHECKOUT_CONCURRENCY: positiveInt(2048),
  SHED_CART_CONCURRENCY: positiveInt(512),
  SHED_CATALOG_CONCURRENCY: positiveInt(2048),
  SHED_ADMIN_CONCURRENCY: positiveInt(128),
  /** catalog, cart and other answers should take at most this long: their limits follow it, the above staying the ceiling (0: static limits only; decision 0020) */
  SHED_LATENCY_TARGET_MS: int(0, 60_000, 500),
  /** flash-sale buyers holding units placing their orders at once in this process (0: the pool size); one sale's orders queue on one stock row anyway, so more at once only takes CPU from the "sold out" answers (docs/benchmarks.md) */
  CHECKOUT_FLASH_SALE_CONCURRENCY: int(0, 1000, 4),
  /** a checkout waits in the placement line at most this long, then 503 `overloaded` with Retry-After (docs/waiting-room.md) */
  CHECKOUT_QUEUE_TIMEOUT_MS: int(100, 120_000, 10_000),
  /** a flash-sale buyer holding units waits in their line at most this long (then 503, the units going back); longer than a sale's sell-out, shorter than a proxy's read timeout */
  CHECKOUT_FLASH_SALE_WAIT_MS: int(1000, 300_000, 30_000),
  /** comma-separated `name=kind[@url]` in priority order, e.g. `primary=sandbox@http://127.0.0.1:4010,backup=sandbox@http://127.0.0.1:4011` */
  PAYMENT_GATEWAYS: z.string().default('sandbox=sandbox@http://127.0.0.1:4010'),
  PAYMENT_TIMEOUT_MS: positiveInt(5000),
  PAYMENT_RETRIES: z.coerce.number().int().min(0).max(5).default(2),
  PAYMENT_BREAKER_FAILURES: positiveInt(5),
  PAYMENT_BREAKER_HALF_OPEN_MS: positiveInt(10_000),
  STRIPE_SECRET_KEY: z.string().optional(),
  STRIPE_API_BASE: z.string().url().default('https://api.stripe.com'),
  STRIPE_WEBHOOK_SECRET: z.string().optional(),
  /** `npm start` runs the sandbox payment gateway alongside the store on this port (0: do not) */
  SANDBOX_PAYMENTS_PORT: z.coerce.number().int().min(0).max(65535).default(4010),
  /** event bus (docs/events.md): the JetStream stream and subject prefix when NATS_URL is set */
  NATS_STREAM: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, - and _ only')
    .default('CREST_EVENTS'),
  NATS_SUBJECT_PREFIX: z
    .string()
    .regex(/^[a-z0-9_-]+(\.[a-z0-9_-]+)*$/, 'dot-separated tokens of a-z, 0-9, - and _')
    .default('crest'),
  /** JetStream drops a republished event id (Nats-Msg-Id) within this window */
  NATS_DUPLICATE_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(600),
  /** how long the stream keeps events */
  NATS_MAX_AGE_DAYS: z.coerce.number().int().min(1).max(3650).default(7),
  /** attempts per (consumer, event), the first included; then the event is dead-lettered */
  BUS_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(8),
  /** exponential back-off between attempts, with jitter: base, doubling up to the cap */
  BUS_RETRY_BASE_MS: z.coerce.number().int().min(1).max(3_600_000).default(1000),
  BUS_RETRY_MAX_MS: z.coerce.number().int().min(1).max(86_400_000).default(600_000),
  /** how often an idle relay or dispatcher looks for work */
  BUS_POLL_INTERVAL_MS: z.coerce.number().int().min(10).max(60_000).default(250),
  BUS_BATCH_SIZE: z.coerce.number().int().min(1).max(1000).default(100),
  /** deliveries handled at once per process (per consumer and topic with NATS) */
  BUS_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),
  /** under a backlog, up to this many events of one consumer are handled in one transaction (1: one each) */
  BUS_EVENTS_PER_TRANSACTION: z.coerce.number().int().min(1).max(500).default(20),
  /** a claimed delivery (or an unacknowledged JetStream message) is handed out again after this */
  BUS_LEASE_MS: z.coerce.number().int().min(500).max(3_600_000).default(60_000),
  /** `crest worker` answers /healthz and /readyz on this port (0: no HTTP) */
  WORKER_PORT: z.coerce.number().int().min(0).max(65535).default(3001),
  ...mailShape,
  ...processingShape,
  ...returnsShape,
  ...waitingRoomShape,
  ...resilienceShape,
  ...observabilityShape,
  ...securityShape,
  ...mediaShape,
})

type Parsed = z.infer<typeof configSchema>

/** Rules across settings, checked after each one is valid on its own. */
const RULES: readonly { readonly path: keyof Parsed; readonly message: string; readonly ok: (c: Parsed) => boolean }[] = [
  {
    path: 'DATABASE_REPLICA_URLS',
    message: 'needs DATABASE_URL (the primary)',
    ok: (c) => c.DATABASE_REPLICA_URLS.length === 0 || c.DATABASE_URL !== undefined,
  },
  {
    path: 'STAFF_SECRET_KEY',
    message: 'is required when NODE_ENV=production: it encrypts staff TOTP secrets (e.g. `openssl rand -base64 32`)',
    ok: (c) => c.NODE_ENV !== 'production' || c.STAFF_SECRET_KEY !== undefined,
  },
  { path: 'BUS_RETRY_MAX_MS', message: 'must be at least BUS_RETRY_BASE_MS', ok: (c) => c.BUS_RETRY_MAX_MS >= c.BUS_RETRY_BASE_MS },
  { path: 'MAIL_RETRY_MAX_MS', message: 'must be at least MAIL_RETRY_BASE_MS', ok: (c) => c.MAIL_RETRY_MAX_MS >= c.MAIL_RETRY_BASE_MS },
  {
    path: 'MAIL_LEASE_MS',
    message: 'must be at least 3 × SMTP_TIMEOUT_MS (connect, greeting and send may each take that long)',
    ok: (c) => c.MAIL_LEASE_MS >= 3 * c.SMTP_TIMEOUT_MS,
  },
]

const checkedSchema = configSchema.superRefine((c, ctx) => {
  for (const r of RULES) if (!r.ok(c)) ctx.addIssue({ code: 'custom', path: [r.path], message: r.message })
})

export type Config = z.infer<typeof configSchema>

export class ConfigError extends Error {
  override readonly name = 'ConfigError'
}

/** Parses and validates settings once at boot; an invalid one stops the start, naming it. */
export const loadConfig = (env: Record<string, string | undefined>): Config => {
  const parsed = checkedSchema.safeParse(env)
  if (parsed.success) return parsed.data
  const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`)
  throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`)
}
