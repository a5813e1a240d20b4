import { z } from 'zod'

/** Opaque list cursors: keyset positions for stable sorts, an offset for relevance. */
const cursorSchema = z.discriminatedUnion('k', [
  z.object({ k: z.literal('newest'), t: z.string().datetime(), id: z.string().max(64) }),
  z.object({ k: z.literal('price_asc'), v: z.number().int(), id: z.string().max(64) }),
  z.object({ k: z.literal('price_desc'), v: z.number().int(), id: z.string().max(64) }),
  z.object({ k: z.literal('relevance'), o: z.number().int().min(0).max(100_000) }),
])

export type Cursor = z.infer<typeof cursorSchema>

export const encodeCursor = (c: Cursor): string => Buffer.from(JSON.stringify(c)).toString('base64url')

export const decodeCursor = (raw: string): Cursor | null => {
  if (raw.length > 512) return null
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}
