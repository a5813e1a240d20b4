/** Carriers: the port, its error catalogue, and the built-in adapter (the sandbox carrier over HTTP). */
export type {
  Address,
  BreakerState,
  Carrier,
  CarrierRate,
  CarrierShipment,
  CarrierStatus,
  Parcel,
  TrackingEvent,
  TrackingStatus,
} from './carrier.ts'
export { CARRIER_ERROR_CODES, type CarrierError, type CarrierErrorCode } from './carrier-errors.ts'
export { type CarrierResilience, DEFAULT_CARRIER_RESILIENCE } from './guard-carrier-calls.ts'
export {
  DEFAULT_SANDBOX_CARRIER_SECRET,
  SANDBOX_CARRIER_SIGNATURE_HEADER,
  type SandboxCarrierOptions,
  sandboxCarrier,
} from './sandbox-carrier.ts'
export { signatureHeader } from './webhook-signature.ts'
