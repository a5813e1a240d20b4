import { z } from 'zod'
import { cursorCodec } from '../../../platform/http/opaque-cursor.ts'

/** Opaque list cursors: keyset positions for stable sorts, an offset for relevance. */
const cursorSchema = z.discriminatedUnion('k', [
  z.object({ k: z.literal('newest'), t: z.string().datetime(), id: z.string().max(64) }),
  z.object({ k: z.literal('price_asc'), v: z.number().int(), id: z.string().max(64) }),
  z.object({ k: z.literal('price_desc'), v: z.number().int(), id: z.string().max(64) }),
  z.object({ k: z.literal('relevance'), o: z.number().int().min(0).max(100_000) }),
])

export type Cursor = z.infer<typeof cursorSchema>

const codec = cursorCodec(cursorSchema)

export const encodeCursor = (c: Cursor): string => codec.encode(c)

export const decodeCursor = (raw: string): Cursor | null => codec.decode(raw)
