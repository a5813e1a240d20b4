import { z } from 'zod'

export const deadLetterJson = z.object({
  id: z.string(),
  consumer: z.string().describe('the durable consumer that gave up, e.g. "fulfillment.on-order-placed"'),
  event_id: z.string(),
  topic: z.string().describe('e.g. "orders.order_placed.v1"'),
  aggregate_id: z.string(),
  payload: z.unknown(),
  error: z.string().describe('the error of the last attempt'),
  attempts: z.number().int(),
  first_failed_at: z.string(),
  last_failed_at: z.string(),
  replayed_at: z.string().nullable().describe('when staff queued it again; null while open'),
})

export const deadLetterSchema = z.object({ dead_letter: deadLetterJson })

export const deadLetterPageSchema = z.object({ dead_letters: z.array(deadLetterJson), next_cursor: z.string().nullable() })

export const deadLetterListQuery = z.object({
  status: z.enum(['open', 'replayed', 'all']).default('open'),
  consumer: z.string().trim().min(1).max(100).optional(),
  topic: z.string().trim().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(512).optional(),
})

export const deadLetterIdParams = z.object({ id: z.string().min(1).max(64) })

export const errorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
})
