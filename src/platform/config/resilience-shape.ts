import { existsSync } from 'node:fs'
import { z } from 'zod'

/** Degraded mode and the maintenance switch (docs/resilience.md). */
export const resilienceShape = {
  /** `true`: every process answers shoppers with the maintenance page (staff, admin API and health stay reachable) */
  MAINTENANCE_MODE: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** the text of the default maintenance page, unless staff set another with PUT /admin/maintenance */
  MAINTENANCE_MESSAGE: z.string().trim().max(500).default(''),
  /** an HTML file to show instead of the default maintenance page */
  MAINTENANCE_PAGE: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v === '' ? undefined : v))
    .refine((v) => v === undefined || existsSync(v), { message: 'must name an existing HTML file' }),
  /** Retry-After of maintenance answers */
  MAINTENANCE_RETRY_AFTER_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
  /** how long a cached catalog page may be served while the primary database is down */
  DEGRADED_MAX_STALE_SECONDS: z.coerce
    .number()
    .int()
    .min(0)
    .max(7 * 86_400)
    .default(86_400),
} as const
