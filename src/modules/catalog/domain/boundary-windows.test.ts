import { expect, test } from 'vitest'
import { boundaryWindows } from './boundary-windows.ts'

const t = (s: number) => new Date(Date.UTC(2026, 10, 27) + s * 1000)
const o = { lookbackMs: 900_000, settleMs: 10_000 }
const spans = (ws: { from: Date; to: Date }[]) =>
  ws.map((w) => [(w.from.getTime() - t(0).getTime()) / 1000, (w.to.getTime() - t(0).getTime()) / 1000])

test('the first run treats the lookback as just passed', () => {
  expect(spans(boundaryWindows({ watermark: null, now: t(0), ...o }))).toEqual([[-900, 0]])
})

test('later runs take (watermark, now], and each boundary once more settleMs later', () => {
  expect(spans(boundaryWindows({ watermark: t(100), now: t(105), ...o }))).toEqual([
    [100, 105],
    [90, 95],
  ])
})

test('consecutive runs cover every instant twice: once fresh, once settled', () => {
  const nows = [0, 5, 11, 16, 40, 41].map(t)
  let watermark: Date | null = null
  const seen = new Map<number, number>()
  for (const now of nows) {
    for (const w of boundaryWindows({ watermark, now, ...o })) {
      for (let s = -5; s <= 41; s++) if (t(s) > w.from && t(s) <= w.to) seen.set(s, (seen.get(s) ?? 0) + 1)
    }
    watermark = now
  }
  for (let s = 1; s <= 31; s++) expect(seen.get(s), `second ${s}`).toBeGreaterThanOrEqual(2)
})

test('a clock that went back starts over with the lookback rather than skipping', () => {
  expect(spans(boundaryWindows({ watermark: t(100), now: t(50), ...o }))).toEqual([[-850, 50]])
})
