import { z } from 'zod'
import { cursorCodec } from '../../../platform/http/opaque-cursor.ts'

/** Keyset position in the newest-first order list: the last order's (created_at, id). */
const cursorSchema = z.object({ t: z.iso.datetime(), id: z.string().min(1).max(64) }).strict()

export type OrderCursor = z.infer<typeof cursorSchema>

const codec = cursorCodec(cursorSchema)

export const encodeOrderCursor = (c: OrderCursor): string => codec.encode(c)

/** The cursor, or null when it is malformed (never throws). */
export const decodeOrderCursor = (raw: string): OrderCursor | null => codec.decode(raw)
