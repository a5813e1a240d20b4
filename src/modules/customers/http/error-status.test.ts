import { expect, test } from 'vitest'
import type { CustomersError } from '../errors.ts'
import { httpErrorOf } from './error-status.ts'

test('the codes API.md fixes', () => {
  const e = (code: CustomersError['code']) => ({ code, message: '' }) as CustomersError
  expect(httpErrorOf(e('CUSTOMERS_INVALID_CREDENTIALS'))).toEqual({ status: 401, code: 'invalid_credentials' })
  expect(httpErrorOf(e('CUSTOMERS_TOO_MANY_ATTEMPTS'))).toEqual({ status: 429, code: 'too_many_attempts' })
  expect(httpErrorOf(e('CUSTOMERS_EMAIL_TAKEN'))).toEqual({ status: 409, code: 'email_taken' })
  expect(httpErrorOf(e('CUSTOMERS_WEAK_PASSWORD')).status).toBe(422)
})
