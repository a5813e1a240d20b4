import { expect, test } from 'vitest'
import { decodeCursor, encodeCursor } from './cursor.ts'

test('round-trips every kind of cursor', () => {
  for (const c of [
    { k: 'newest', t: '2026-01-01T00:00:00.123Z', id: 'prod_1' },
    { k: 'price_asc', v: 1299, id: 'prod_2' },
    { k: 'relevance', o: 40 },
  ] as const) {
    expect(decodeCursor(encodeCursor(c))).toEqual(c)
  }
})

test('garbage is refused, not thrown', () => {
  for (const raw of ['', 'abc', '%%%', encodeCursor({ k: 'relevance', o: 1 }).slice(3), 'x'.repeat(600)]) {
    expect(decodeCursor(raw)).toBeNull()
  }
  expect(decodeCursor(Buffer.from('{"k":"newest","t":"yesterday","id":"x"}').toString('base64url'))).toBeNull()
})
