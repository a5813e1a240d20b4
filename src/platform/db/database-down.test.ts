import { expect, test } from 'vitest'
import { DatabaseUnavailableError, isDatabaseDown } from './database-down.ts'

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code })

test('recognises a database that cannot be reached, through causes and aggregate errors', () => {
  expect(isDatabaseDown(withCode('connect ECONNREFUSED 127.0.0.1:5999', 'ECONNREFUSED'))).toBe(true)
  expect(isDatabaseDown(withCode('terminating connection due to administrator command', '57P01'))).toBe(true)
  expect(isDatabaseDown(withCode('the database system is starting up', '57P03'))).toBe(true)
  expect(isDatabaseDown(new Error('Connection terminated unexpectedly'))).toBe(true)
  expect(isDatabaseDown(new DatabaseUnavailableError())).toBe(true)
  expect(isDatabaseDown(new Error('placing failed', { cause: withCode('refused', 'ECONNREFUSED') }))).toBe(true)
  expect(isDatabaseDown(new AggregateError([withCode('a', 'ECONNREFUSED'), withCode('b', 'ECONNREFUSED')]))).toBe(true)
})

test('does not take contention or bad SQL for an outage', () => {
  expect(isDatabaseDown(withCode('deadlock detected', '40P01'))).toBe(false)
  expect(isDatabaseDown(withCode('too many connections', '53300'))).toBe(false)
  expect(isDatabaseDown(withCode('syntax error', '42601'))).toBe(false)
  expect(isDatabaseDown(new Error('timeout exceeded when trying to connect'))).toBe(false)
  expect(isDatabaseDown('ECONNREFUSED')).toBe(false)
})
