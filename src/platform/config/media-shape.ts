import { z } from 'zod'

/** Uploaded product images (docs/catalog-admin.md). */
export const mediaShape = {
  /** where uploaded images are stored; default `<DATA_DIR>/media`. With several hosts, a shared volume */
  MEDIA_DIR: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v === '' ? undefined : v)),
  /** the largest image upload accepted, in bytes (larger: 413 payload_too_large) */
  MEDIA_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(50 * 1024 * 1024)
    .default(5 * 1024 * 1024),
} as const
