import { z } from 'zod'

const int = (min: number, max: number, fallback: number) => z.coerce.number().int().min(min).max(max).default(fallback)

/** Returns and exchanges (docs/returns.md): the return policy and how returns are handled. */
export const returnsShape = {
  /** days a shopper may ask for a return, counted from RETURN_WINDOW_FROM (0: returns are closed) */
  RETURN_WINDOW_DAYS: int(0, 3650, 30),
  /** delivery: from the day the order was delivered (open until then once shipped); placement: from the day it was placed */
  RETURN_WINDOW_FROM: z.enum(['delivery', 'placement']).default('delivery'),
  /** catalog category ids or handles whose products cannot be returned, comma-separated */
  RETURN_NON_RETURNABLE_CATEGORIES: z
    .string()
    .default('')
    .refine((v) => /^[A-Za-z0-9_,\s-]*$/.test(v), { message: 'must be comma-separated category ids or handles' })
    .transform((v) =>
      v
        .split(',')
        .map((c) => c.trim())
        .filter((c) => c !== ''),
    ),
  /** approve a return at once when its refund value (minor units) is below this; 0: staff approve every return */
  RETURN_AUTO_APPROVE_BELOW: int(0, Number.MAX_SAFE_INTEGER, 0),
  /** where sellable returned units go back to when staff do not choose (empty: the default stock location) */
  RETURN_RESTOCK_LOCATION: z
    .string()
    .trim()
    .default('')
    .refine((v) => /^[A-Za-z0-9_-]{0,64}$/.test(v), { message: 'must be a stock location id' }),
} as const
