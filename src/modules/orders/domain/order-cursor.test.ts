import { expect, test } from 'vitest'
import { decodeOrderCursor, encodeOrderCursor } from './order-cursor.ts'

test('round-trips a position', () => {
  const c = { t: '2026-03-01T10:00:00.123Z', id: 'ord_01abc' }
  expect(decodeOrderCursor(encodeOrderCursor(c))).toEqual(c)
})

test('garbage is refused, not thrown', () => {
  const good = encodeOrderCursor({ t: '2026-03-01T10:00:00.123Z', id: 'ord_1' })
  const b64 = (s: string) => Buffer.from(s).toString('base64url')
  for (const raw of [
    '',
    'abc',
    '%%%',
    good.slice(4),
    'x'.repeat(600),
    b64('{"t":"yesterday","id":"x"}'),
    b64('{"t":"2026-03-01T10:00:00.123Z"}'),
    b64('{"t":"2026-03-01T10:00:00.123Z","id":"x","extra":1}'),
    b64('null'),
    b64('[]'),
  ]) {
    expect(decodeOrderCursor(raw)).toBeNull()
  }
})
