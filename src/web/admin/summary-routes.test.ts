import { describe, expect, test } from 'vitest'
import { everyMinute } from './summary-routes.ts'

describe('everyMinute', () => {
  test('fills the minutes without orders with zeros, from the first minute to the current one', () => {
    const from = new Date('2026-12-04T10:00:00.000Z')
    const to = new Date('2026-12-04T10:03:30.000Z')
    expect(everyMinute(from, to, [{ minute: '2026-12-04T10:01:00.000Z', orders: 4 }])).toEqual([
      { minute: '2026-12-04T10:00:00.000Z', orders: 0 },
      { minute: '2026-12-04T10:01:00.000Z', orders: 4 },
      { minute: '2026-12-04T10:02:00.000Z', orders: 0 },
      { minute: '2026-12-04T10:03:00.000Z', orders: 0 },
    ])
  })

  test('a window starting mid-minute starts at that minute', () => {
    const r = everyMinute(new Date('2026-12-04T10:00:45.000Z'), new Date('2026-12-04T10:01:10.000Z'), [])
    expect(r.map((p) => p.minute)).toEqual(['2026-12-04T10:00:00.000Z', '2026-12-04T10:01:00.000Z'])
  })
})
