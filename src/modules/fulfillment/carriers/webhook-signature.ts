// The carriers sign webhooks with the same scheme as Stripe and the sandbox gateway (platform).
export { DEFAULT_TOLERANCE_SECONDS, headerValue, signatureHeader, verifySignature } from '../../../platform/http/webhook-signature.ts'
