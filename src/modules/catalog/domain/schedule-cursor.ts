import { z } from 'zod'
import { cursorCodec } from '../../../platform/http/opaque-cursor.ts'

/** Keyset position in a price-schedule list: (starts_at desc, id desc). */
const codec = cursorCodec(z.object({ s: z.iso.datetime(), id: z.string().min(1).max(64) }))

export type ScheduleCursor = { readonly startsAt: Date; readonly id: string }

export const encodeScheduleCursor = (c: ScheduleCursor): string => codec.encode({ s: c.startsAt.toISOString(), id: c.id })

export const decodeScheduleCursor = (raw: string): ScheduleCursor | null => {
  const c = codec.decode(raw)
  return c ? { startsAt: new Date(c.s), id: c.id } : null
}
