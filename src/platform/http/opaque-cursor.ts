import type { z } from 'zod'

const MAX_LENGTH = 512

/**
 * Opaque list cursors: a keyset position as base64url JSON, checked against its schema when read.
 * Decoding never throws; anything malformed or foreign is null (the caller answers 400).
 */
export const cursorCodec = <S extends z.ZodType>(schema: S) => ({
  encode: (c: z.infer<S>): string => Buffer.from(JSON.stringify(c)).toString('base64url'),
  decode: (raw: string): z.infer<S> | null => {
    if (raw.length > MAX_LENGTH) return null
    try {
      const parsed = schema.safeParse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')))
      return parsed.success ? parsed.data : null
    } catch {
      return null
    }
  },
})
