import { createHmac } from 'node:crypto'

/** The header the sandbox carrier signs its webhooks with. */
export const CARRIER_SIGNATURE_HEADER = 'Crest-Carrier-Signature'
/** The sandbox has no real secret to keep; this default is documented so demos can verify. */
export const DEFAULT_CARRIER_WEBHOOK_SECRET = 'whsec_crest_sandbox_carrier'

/**
 * Stripe's scheme: `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`. Every delivery
 * attempt is signed anew, with the time it is sent.
 */
export const signatureHeader = (secret: string, rawBody: string, unixSeconds: number): string =>
  `t=${unixSeconds},v1=${createHmac('sha256', secret).update(`${unixSeconds}.${rawBody}`, 'utf8').digest('hex')}`
