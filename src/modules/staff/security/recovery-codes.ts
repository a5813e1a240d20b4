import { randomBytes } from 'node:crypto'

export const RECOVERY_CODE_COUNT = 10
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz' // Crockford base32: no i, l, o, u

/** Ten fresh recovery codes like `k3m9x-7qd2p` (50 random bits each). */
export const newRecoveryCodes = (): string[] =>
  Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = [...randomBytes(10)].map((b) => ALPHABET[b % 32]).join('')
    return `${chars.slice(0, 5)}-${chars.slice(5)}`
  })

/** Recovery codes compare without case, spaces or dashes. */
export const normaliseRecoveryCode = (code: string): string => code.toLowerCase().replace(/[\s-]/g, '')

export const looksLikeRecoveryCode = (code: string): boolean => /^[0-9a-z]{10}$/.test(normaliseRecoveryCode(code))
