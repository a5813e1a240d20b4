import { expect, test } from 'vitest'
import { isDatabaseBusy } from './database-busy.ts'

test('pool timeouts, refused connections and retryable SQL states are "busy"; query errors are not', () => {
  expect(isDatabaseBusy(new Error('timeout exceeded when trying to connect'))).toBe(true)
  expect(isDatabaseBusy(Object.assign(new Error('deadlock detected'), { code: '40P01' }))).toBe(true)
  expect(isDatabaseBusy(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe(true)
  expect(isDatabaseBusy(new Error('Failed query: select 1', { cause: Object.assign(new Error('x'), { code: '40001' }) }))).toBe(true)
  expect(isDatabaseBusy(Object.assign(new Error('syntax error'), { code: '42601' }))).toBe(false)
  expect(isDatabaseBusy(new Error('order vanished'))).toBe(false)
  expect(isDatabaseBusy('timeout exceeded when trying to connect')).toBe(false)
})
