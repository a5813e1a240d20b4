import { z } from 'zod'

const int = (min: number, max: number, fallback: number) => z.coerce.number().int().min(min).max(max).default(fallback)

const list = (v: string) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')

const isOrigin = (s: string): boolean => {
  if (s === '*') return true
  if (!/^https?:\/\//.test(s) || !URL.canParse(s)) return false
  return new URL(s).origin === s
}

/** Protection at the HTTP edge (docs/security.md): headers, CORS, body limits, rate limits, proxies. */
export const securityShape = {
  /** browser origins allowed to call the API cross-site, comma-separated (`https://shop.example.com`), or `*`; empty: none */
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform(list)
    .refine((v) => v.every(isOrigin), {
      message: 'must be comma-separated origins such as https://shop.example.com (scheme and host, no path), or *',
    }),
  /** Strict-Transport-Security max-age on https requests (0: never sent) */
  HSTS_MAX_AGE_SECONDS: int(0, 63_072_000, 15_552_000),
  /** which peers may set X-Forwarded-For/-Proto: `true`, `false`, or comma-separated IPs, CIDRs and the presets loopback, linklocal, uniquelocal */
  TRUST_PROXY: z
    .string()
    .default('loopback,linklocal,uniquelocal')
    .transform((v): boolean | string[] => (v.trim() === 'true' ? true : v.trim() === 'false' ? false : list(v))),
  /** largest request body of the store API, bytes */
  BODY_LIMIT_STORE_BYTES: int(1024, 16 * 1024 * 1024, 64 * 1024),
  /** largest request body of the admin API (catalog writes, imports), bytes */
  BODY_LIMIT_ADMIN_BYTES: int(1024, 256 * 1024 * 1024, 8 * 1024 * 1024),
  /** largest form post of the storefront and account pages, bytes */
  BODY_LIMIT_WEB_BYTES: int(1024, 16 * 1024 * 1024, 16 * 1024),
  /** requests per minute from one client address (0: no limit) */
  RATE_LIMIT_PER_IP_PER_MINUTE: int(0, 10_000_000, 1200),
  /** requests per minute for one signed-in account, staff or customer, over every address (0: no limit) */
  RATE_LIMIT_PER_ACCOUNT_PER_MINUTE: int(0, 10_000_000, 1200),
  /** staff sign-in attempts per minute from one client address (0: no limit) */
  RATE_LIMIT_SIGN_IN_PER_MINUTE: int(0, 10_000, 10),
  /** client addresses never rate limited (the host itself: health checks, load tests), comma-separated; empty: none */
  RATE_LIMIT_ALLOW: z.string().default('127.0.0.1,::1,::ffff:127.0.0.1').transform(list),
} as const
