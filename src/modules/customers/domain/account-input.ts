import { err, ok, type Result } from '../../../platform/result.ts'
import type { CustomersError } from '../errors.ts'

export const MIN_PASSWORD = 10
/** argon2 hashes whatever it is given; a cap keeps one request from costing seconds of CPU */
export const MAX_PASSWORD = 256
export const MAX_EMAIL = 254
export const MAX_NAME = 200

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses
const CONTROL = /[\u0000-\u001f\u007f]/

/** E-mail addresses are compared and stored trimmed and lower-cased. */
export const normaliseEmail = (email: string): string => email.trim().toLowerCase()

export const checkEmail = (raw: string): Result<string, CustomersError> => {
  const email = normaliseEmail(raw)
  return email.length <= MAX_EMAIL && EMAIL.test(email)
    ? ok(email)
    : err({ code: 'CUSTOMERS_INVALID_INPUT', field: 'email', message: 'Enter a valid e-mail address.' })
}

export const checkPassword = (password: string, email: string): Result<string, CustomersError> => {
  if (password.length < MIN_PASSWORD || password.length > MAX_PASSWORD)
    return err({ code: 'CUSTOMERS_WEAK_PASSWORD', message: `Use a password of ${MIN_PASSWORD} to ${MAX_PASSWORD} characters.` })
  if (password.trim().toLowerCase() === email || new Set(password).size < 4)
    return err({ code: 'CUSTOMERS_WEAK_PASSWORD', message: 'That password is too easy to guess; choose another.' })
  return ok(password)
}

export const checkName = (name: string | undefined): Result<string, CustomersError> => {
  const n = (name ?? '').trim()
  return n.length <= MAX_NAME && !CONTROL.test(n)
    ? ok(n)
    : err({ code: 'CUSTOMERS_INVALID_INPUT', field: 'name', message: `A name of at most ${MAX_NAME} characters, on one line.` })
}
