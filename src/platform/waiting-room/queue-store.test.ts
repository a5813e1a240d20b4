import { describe, expect, test } from 'vitest'
import { localQueueStore } from './queue-store.ts'

describe('the in-process line', () => {
  test('numbers tickets in order of arrival and lets them in at the rate, in that order', async () => {
    let now = 1_000_000
    const q = localQueueStore({ ratePerSecond: 4, nowMs: () => now })
    const seqs = []
    for (let i = 0; i < 10; i++) seqs.push((await q.issue()).seq)
    expect(seqs).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    // every ticket asks every 100 ms; record the order they get in
    const order: number[] = []
    for (let step = 0; step < 40 && order.length < 10; step++) {
      now += 100
      for (const seq of [...seqs].reverse()) {
        if (order.includes(seq)) continue
        const r = await q.admit(seq, `ticket-id-${seq}-xxxxxxx`, 60)
        if (r.kind === 'admitted') order.push(seq)
      }
      // never more than rate × elapsed
      expect(order.length).toBeLessThanOrEqual(Math.floor((4 * (step + 1) * 100) / 1000))
    }
    expect(order).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    expect(await q.status()).toEqual({ lastIssued: 10, cursor: 10 })
  })

  test('a ticket lets its holder in once: a replay is refused until its id is forgotten', async () => {
    let now = 0
    const q = localQueueStore({ ratePerSecond: 1, nowMs: () => now })
    const { seq } = await q.issue()
    expect((await q.admit(seq, 'same-ticket-id-xxxxxx', 30)).kind).toBe('waiting')
    now += 1000
    expect((await q.admit(seq, 'same-ticket-id-xxxxxx', 30)).kind).toBe('admitted')
    expect((await q.admit(seq, 'same-ticket-id-xxxxxx', 30)).kind).toBe('replayed')
    now += 29_000
    expect((await q.admit(seq, 'same-ticket-id-xxxxxx', 30)).kind).toBe('replayed')
  })

  test('a ticket numbered beyond the line (from a reset line) is unknown', async () => {
    const q = localQueueStore({ ratePerSecond: 1 })
    expect((await q.admit(5, 'some-ticket-id-xxxxxx', 30)).kind).toBe('unknown')
  })
})
