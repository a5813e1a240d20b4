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
  SHED_CHECKOUT_CONCURRENCY: positiveInt(256),
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
})

export type Config = z.infer<typeof configSchema>

export class ConfigError extends Error {
  override readonly name = 'ConfigError'
}

/** Parses and validates settings once at boot; an invalid one stops the start, naming it. */
export const loadConfig = (env: Record<string, string | undefined>): Config => {
  const parsed = configSchema.safeParse(env)
  if (parsed.success) return parsed.data
  const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`)
  throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`)
}
