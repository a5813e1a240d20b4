import { z } from 'zod'

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

export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: optionalUrl(['postgres', 'postgresql']),
  DATABASE_REPLICA_URLS: z.string().optional(),
  DATABASE_POOL_SIZE: positiveInt(10),
  REDIS_URL: optionalUrl(['redis', 'rediss']),
  REDIS_PREFIX: z.string().default('crest:'),
  NATS_URL: optionalUrl(['nats']),
  SMTP_URL: optionalUrl(['smtp', 'smtps']),
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
  SEED_PRODUCTS: z.coerce.number().int().min(0).default(2000),
  /** availability at or below this is shown exactly; above it cached pages may lag by a cache TTL */
  STOCK_EXACT_BELOW: z.coerce.number().int().min(0).default(10),
  /** how long a checkout's stock stays reserved while payment is pending */
  RESERVATION_TTL_SECONDS: positiveInt(900),
  /** a checkout whose payment never settled (a crash) is asked again after this long */
  PAYMENT_RECONCILE_AFTER_SECONDS: positiveInt(30),
  PRICES_INCLUDE_TAX: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  DEFAULT_COUNTRY: z.string().regex(/^[A-Z]{2}$/).default('NO'),
  CART_MAX_QUANTITY: positiveInt(50),
  /** load shedding: requests in flight per route class before answering 503 + Retry-After */
  SHED_CHECKOUT_CONCURRENCY: positiveInt(2048),
  SHED_CART_CONCURRENCY: positiveInt(512),
  SHED_CATALOG_CONCURRENCY: positiveInt(2048),
  SHED_ADMIN_CONCURRENCY: positiveInt(128),
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
  NATS_STREAM: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, - and _ only').default('CREST_EVENTS'),
  NATS_SUBJECT_PREFIX: z.string().regex(/^[a-z0-9_-]+(\.[a-z0-9_-]+)*$/, 'dot-separated tokens of a-z, 0-9, - and _').default('crest'),
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
  /** a claimed delivery (or an unacknowledged JetStream message) is handed out again after this */
  BUS_LEASE_MS: z.coerce.number().int().min(500).max(3_600_000).default(60_000),
  /** `crest worker` answers /healthz and /readyz on this port (0: no HTTP) */
  WORKER_PORT: z.coerce.number().int().min(0).max(65535).default(3001),
})

/** Rules across settings, checked after each one is valid on its own. */
const checkedSchema = configSchema.refine((c) => c.BUS_RETRY_MAX_MS >= c.BUS_RETRY_BASE_MS, {
  path: ['BUS_RETRY_MAX_MS'],
  message: 'must be at least BUS_RETRY_BASE_MS',
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
