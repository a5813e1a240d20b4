import { Secret, TOTP } from 'otpauth'

const PERIOD_SECONDS = 30

const totpOf = (secret: string, account = '', issuer = 'Crest') =>
  new TOTP({ issuer, label: account, algorithm: 'SHA1', digits: 6, period: PERIOD_SECONDS, secret: Secret.fromBase32(secret) })

/** A fresh 160-bit TOTP secret, base32 (what authenticator apps take when typed in). */
export const newTotpSecret = (): string => new Secret({ size: 20 }).base32

/** The `otpauth://` URI an authenticator app reads from the QR code. */
export const totpUri = (secret: string, account: string, issuer: string): string => totpOf(secret, account, issuer).toString()

/** The current code for a secret (tests and the enrolment screen's self-check). */
export const totpCode = (secret: string, at: Date): string => totpOf(secret).generate({ timestamp: at.getTime() })

/**
 * The time step a code belongs to, accepting one step of clock drift either way, or null when
 * the code is wrong. The caller accepts each step once (replay protection).
 */
export const matchTotpStep = (secret: string, code: string, at: Date): number | null => {
  if (!/^\d{6}$/.test(code)) return null
  const delta = totpOf(secret).validate({ token: code, timestamp: at.getTime(), window: 1 })
  return delta === null ? null : Math.floor(at.getTime() / 1000 / PERIOD_SECONDS) + delta
}
