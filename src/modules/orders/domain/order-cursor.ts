import { z } from 'zod'

/** Keyset position in the newest-first order list: the last order's (created_at, id). */
const cursorSchema = z.object({ t: z.iso.datetime(), id: z.string().min(1).max(64) }).strict()

export type OrderCursor = z.infer<typeof cursorSchema>

export const encodeOrderCursor = (c: OrderCursor): string => Buffer.from(JSON.stringify(c)).toString('base64url')

/** The cursor, or null when it is malformed (never throws). */
export const decodeOrderCursor = (raw: string): OrderCursor | null => {
  if (raw.length > 512) return null
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}
