import { expect, test } from 'vitest'
import { createLedgerClock } from './ledger-clock.ts'

test('times of one order never repeat; other orders are not pushed', () => {
  const at = createLedgerClock(() => new Date(1000))
  expect([at('a'), at('a'), at('a')].map((d) => d.getTime())).toEqual([1000, 1001, 1002])
  expect(at('b').getTime()).toBe(1000)
})

test('the real time wins when it is later, and old orders are forgotten', () => {
  let now = 1000
  const at = createLedgerClock(() => new Date(now), 2)
  at('a')
  now = 5000
  expect(at('a').getTime()).toBe(5000)
  now = 1000
  at('b')
  at('c') // 'a' is forgotten
  expect(at('a').getTime()).toBe(1000)
})
