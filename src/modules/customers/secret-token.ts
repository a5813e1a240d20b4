import { createHash, createHmac, randomBytes } from 'node:crypto'

/** An opaque secret for a cookie or an e-mailed link: 256 random bits, URL-safe, with a readable prefix. */
export const newSecret = (prefix: 'cses' | 'cver' | 'crst'): string => `${prefix}_${randomBytes(32).toString('base64url')}`

/** Only this is stored: a leaked table gives no usable session or link. */
export const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('hex')

/** Session cookies and tokens we issue look like this; anything else is refused before a query. */
export const SECRET_SHAPE = /^c(ses|ver|rst)_[A-Za-z0-9_-]{43}$/

/**
 * The CSRF token bound to a session: derived from the session's secret cookie value (which pages
 * and scripts of other sites cannot read), so nothing more is stored and it changes with the session.
 */
export const csrfTokenFor = (sessionToken: string): string => createHmac('sha256', sessionToken).update('crest-csrf-v1').digest('base64url')

/** Key for throttling an account without keeping its address in Redis. */
export const accountThrottleKey = (email: string): string => `acct:${hashSecret(`login:${email}`).slice(0, 32)}`
