import { join } from 'node:path'
import { z } from 'zod'
import { AppError } from '../../platform/app-error.ts'
import type { RetryPolicy } from './domain/retry-schedule.ts'
import type { Brand } from './domain/templates/template-kit.ts'
import type { TransportOptions } from './transports/open-transport.ts'

/**
 * The mail settings, as zod fields over `process.env`-like input. They belong in
 * src/platform/config/load-config.ts; platform may not import a module, so they are copied there
 * (same names, defaults and checks, plus `notificationsConfigRules`). `notificationsOptionsFromConfig`
 * then takes the app's Config as it is. Until then `loadNotificationsConfig` parses them on their own.
 */
const int = (min: number, max: number, fallback: number) => z.coerce.number().int().min(min).max(max).default(fallback)

const emptyAsUnset = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v === '' ? undefined : v))

const ADDRESS = z.email()

/** `shop@example.com`, `Shop <shop@example.com>` or `"Shop, Inc." <shop@example.com>`. */
export const parseMailbox = (s: string): { readonly name?: string; readonly address: string } | null => {
  const m = /^\s*(?:"([^"\r\n]*)"|([^"<>\r\n]*?))\s*<([^<>\s]+)>\s*$/.exec(s)
  const name = (m?.[1] ?? m?.[2])?.trim()
  const address = m ? m[3] : s.trim()
  if (!address || !ADDRESS.safeParse(address).success) return null
  return name ? { name, address } : { address }
}

const isLocale = (s: string): boolean => {
  try {
    return Intl.NumberFormat.supportedLocalesOf([s]).length === 1
  } catch {
    return false
  }
}

export const notificationsConfigShape = {
  /** SMTP when set (`smtp://` or `smtps://`, credentials in the URL); otherwise the file sink */
  SMTP_URL: emptyAsUnset.refine((v) => v === undefined || /^smtps?:\/\//.test(v), {
    message: 'must be a URL starting with smtp:// or smtps://',
  }),
  SMTP_POOL_SIZE: int(1, 50, 5),
  /** per wait: connecting, the greeting, and any silence during a send */
  SMTP_TIMEOUT_MS: int(1000, 300_000, 20_000),
  /** the sender; without a display name the store name is used */
  MAIL_FROM: z
    .string()
    .trim()
    .default('no-reply@crest.localhost')
    .refine((v) => parseMailbox(v) !== null, { message: 'must be an address or "Name <address>"' }),
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

type Parsed = z.infer<z.ZodObject<typeof notificationsConfigShape>>

/** Rules across settings; add to load-config's refinements (they receive the parsed config). */
export const notificationsConfigRules: readonly {
  readonly path: keyof Parsed
  readonly message: string
  readonly ok: (c: Parsed) => boolean
}[] = [
  { path: 'MAIL_RETRY_MAX_MS', message: 'must be at least MAIL_RETRY_BASE_MS', ok: (c) => c.MAIL_RETRY_MAX_MS >= c.MAIL_RETRY_BASE_MS },
  {
    path: 'MAIL_LEASE_MS',
    message: 'must be at least 3 × SMTP_TIMEOUT_MS (connect, greeting and send may each take that long)',
    ok: (c) => c.MAIL_LEASE_MS >= 3 * c.SMTP_TIMEOUT_MS,
  },
]

export const notificationsConfigSchema = z.object(notificationsConfigShape).superRefine((c, ctx) => {
  for (const r of notificationsConfigRules) if (!r.ok(c)) ctx.addIssue({ code: 'custom', path: [r.path], message: r.message })
})

export type NotificationsConfig = z.infer<typeof notificationsConfigSchema>

export const NOTIFICATIONS_CONFIG_DEFAULTS: NotificationsConfig = notificationsConfigSchema.parse({})

/** Parses the mail settings from `process.env`-like input; an invalid one throws, naming it. */
export const loadNotificationsConfig = (env: Record<string, string | undefined>): NotificationsConfig => {
  const parsed = notificationsConfigSchema.safeParse(env)
  if (parsed.success) return parsed.data
  const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`)
  throw new AppError('NOTIFICATIONS_INVALID_CONFIG', `Invalid mail configuration:\n${lines.join('\n')}`)
}

/** The typed options slice the module runs with. */
export type NotificationsOptions = {
  readonly brand: Brand
  readonly from: { readonly name: string; readonly address: string }
  /** the right-hand side of every Message-ID */
  readonly messageIdDomain: string
  readonly transport: TransportOptions
  readonly retry: RetryPolicy
  readonly leaseMs: number
  readonly batchSize: number
  readonly concurrency: number
  readonly pollIntervalMs: number
}

/** Settings the module shares with the rest of the app (already in load-config). */
export type SharedSettings = {
  readonly STORE_NAME: string
  readonly PUBLIC_URL?: string | undefined
  readonly PORT: number
  readonly DATA_DIR: string
}

export const notificationsOptionsFromConfig = (c: NotificationsConfig & SharedSettings): NotificationsOptions => {
  const from = parseMailbox(c.MAIL_FROM) ?? { address: 'no-reply@crest.localhost' }
  return {
    brand: { storeName: c.STORE_NAME, baseUrl: (c.PUBLIC_URL ?? `http://localhost:${c.PORT}`).replace(/\/+$/, ''), locale: c.MAIL_LOCALE },
    from: { name: from.name ?? c.STORE_NAME, address: from.address },
    messageIdDomain: from.address.slice(from.address.lastIndexOf('@') + 1).toLowerCase(),
    transport: c.SMTP_URL
      ? { kind: 'smtp', url: c.SMTP_URL, poolSize: c.SMTP_POOL_SIZE, timeoutMs: c.SMTP_TIMEOUT_MS }
      : { kind: 'file', dir: c.MAIL_DIR ?? join(c.DATA_DIR, 'mail') },
    retry: { maxAttempts: c.MAIL_MAX_ATTEMPTS, baseMs: c.MAIL_RETRY_BASE_MS, maxMs: c.MAIL_RETRY_MAX_MS },
    leaseMs: c.MAIL_LEASE_MS,
    batchSize: c.MAIL_BATCH_SIZE,
    concurrency: c.MAIL_CONCURRENCY,
    pollIntervalMs: c.MAIL_POLL_INTERVAL_MS,
  }
}
