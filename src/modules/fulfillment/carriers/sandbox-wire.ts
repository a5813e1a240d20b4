import { z } from 'zod'
import type { Address, CarrierRate, CarrierShipment, TrackingEvent } from './carrier.ts'

/** The sandbox carrier's JSON (snake_case, see src/sandbox/carrier/README.md), read into the port's types. */
const status = z.enum(['label_created', 'in_transit', 'out_for_delivery', 'delivered', 'exception', 'canceled'])
const minor = z.number().int().nonnegative()
const currency = z.string().regex(/^[A-Z]{3}$/)

const rate = z
  .object({ service: z.string(), amount: minor, currency, estimated_days: z.number().int().nonnegative() })
  .transform(
    (r): CarrierRate => ({ service: r.service, price: { amount: r.amount, currency: r.currency }, estimatedDays: r.estimated_days }),
  )

const rates = z.object({ rates: z.array(rate) }).transform((r) => r.rates)

const shipment = z
  .object({
    id: z.string().min(1),
    tracking_number: z.string().min(1),
    reference: z.string(),
    service: z.string(),
    kind: z.enum(['outbound', 'return']),
    return_for: z.string().nullable(),
    status,
    amount: minor,
    currency,
    estimated_days: z.number().int().nonnegative(),
    label_url: z.string(),
    created_at: z.string(),
  })
  .transform(
    (s): CarrierShipment => ({
      id: s.id,
      trackingNumber: s.tracking_number,
      reference: s.reference,
      service: s.service,
      kind: s.kind,
      returnFor: s.return_for,
      status: s.status,
      price: { amount: s.amount, currency: s.currency },
      estimatedDays: s.estimated_days,
      labelUrl: s.label_url,
      createdAt: s.created_at,
    }),
  )

const event = z
  .object({
    id: z.string().min(1),
    shipment_id: z.string().min(1),
    tracking_number: z.string(),
    reference: z.string(),
    seq: z.number().int().positive(),
    status,
    description: z.string(),
    occurred_at: z.string(),
  })
  .transform(
    (e): TrackingEvent => ({
      id: e.id,
      shipmentId: e.shipment_id,
      trackingNumber: e.tracking_number,
      reference: e.reference,
      seq: e.seq,
      status: e.status,
      description: e.description,
      occurredAt: e.occurred_at,
    }),
  )

const events = z.object({ events: z.array(event) }).transform((r) => r.events)

const parser =
  <T>(schema: z.ZodType<T>) =>
  (v: unknown): T | null => {
    const r = schema.safeParse(v)
    return r.success ? r.data : null
  }

export const readRates = parser(rates)
export const readShipment = parser(shipment)
export const readEvents = parser(events)
/** a webhook body: one tracking event */
export const readEvent = parser(event)

/** The port's address as the sandbox spells it. */
export const wireAddress = (a: Address) => ({
  country: a.country,
  ...(a.name !== undefined && { name: a.name }),
  ...(a.line1 !== undefined && { line1: a.line1 }),
  ...(a.line2 !== undefined && { line2: a.line2 }),
  ...(a.city !== undefined && { city: a.city }),
  ...(a.postalCode !== undefined && { postal_code: a.postalCode }),
})

/** The carrier's `{error: {code, message}}`, when the body has one. */
export const wireError = (body: unknown): { code?: string; message?: string } => {
  const e = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error
  return {
    ...(typeof e?.code === 'string' && { code: e.code }),
    ...(typeof e?.message === 'string' && { message: e.message }),
  }
}
