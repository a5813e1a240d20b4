import { expect, test } from 'vitest'
import { lagSeconds, type LsnSample, recordSample } from './replica-lag.ts'

const history: LsnSample[] = [
  { at: 1_000, lsn: 100n },
  { at: 5_000, lsn: 200n },
  { at: 9_000, lsn: 300n },
]

test('a replica that replayed the newest position has no lag, however old that position is', () => {
  expect(lagSeconds(history, 300n, 3_600_000)).toBe(0)
  expect(lagSeconds(history, 350n, 10_000)).toBe(0)
})

test('lag runs from the first moment the primary had WAL the replica lacks', () => {
  expect(lagSeconds(history, 250n, 10_000)).toBe(1)
  expect(lagSeconds(history, 200n, 10_000)).toBe(1)
  expect(lagSeconds(history, 199n, 10_000)).toBe(5)
  expect(lagSeconds(history, 0n, 10_000)).toBe(9)
})

test('no history means no known lag', () => {
  expect(lagSeconds([], 0n, 10_000)).toBe(0)
})

test('recording keeps first sightings only and forgets old ones, never the newest', () => {
  let h: LsnSample[] = []
  h = recordSample(h, { at: 0, lsn: 10n }, 5_000)
  h = recordSample(h, { at: 1_000, lsn: 10n }, 5_000)
  expect(h).toEqual([{ at: 0, lsn: 10n }])
  h = recordSample(h, { at: 2_000, lsn: 20n }, 5_000)
  h = recordSample(h, { at: 6_000, lsn: 30n }, 5_000)
  expect(h).toEqual([
    { at: 2_000, lsn: 20n },
    { at: 6_000, lsn: 30n },
  ])
  h = recordSample(h, { at: 60_000, lsn: 30n }, 5_000)
  expect(h).toEqual([{ at: 6_000, lsn: 30n }])
})
