import { randomBytes, randomInt } from 'node:crypto'
import { fail } from '../shared/http-io.ts'
import type { Answer } from '../shared/idempotency-keys.ts'
import { labelPdf } from './label-pdf.ts'
import { quoteRates, type ServiceLevel } from './quote-rates.ts'
import { type Address, addressLine, type ShipmentRequest } from './shipment-request.ts'
import { applyAction, describeStatus, dwellMs, isFinal, nextOnWalk, type ShipmentStatus, type WalkTimings } from './shipment-walk.ts'

/** One status change, as polled (GET /v1/shipments/{id}/events) and sent by webhook. */
export type TrackingEvent = {
  readonly id: string
  readonly object: 'tracking_event'
  readonly shipment_id: string
  readonly tracking_number: string
  readonly reference: string
  /** 1, 2, … per shipment: receivers order by it (webhooks may arrive late after a retry) */
  readonly seq: number
  readonly status: ShipmentStatus
  readonly description: string
  readonly occurred_at: string
}

/** One effect the sandbox actually applied (replays add none). */
export type LedgerEntry = {
  readonly seq: number
  readonly type: 'shipment' | 'return_label' | 'cancellation'
  readonly shipment_id: string
  readonly tracking_number: string
  readonly reference: string
  readonly service: ServiceLevel
  readonly amount: number
  readonly currency: string
  readonly idempotency_key: string
  readonly at: string
}

type Shipment = ShipmentRequest & {
  readonly id: string
  readonly tracking_number: string
  readonly kind: 'outbound' | 'return'
  readonly return_for: string | null
  readonly amount: number
  readonly currency: string
  readonly estimated_days: number
  readonly created_at: string
  status: ShipmentStatus
  readonly events: TrackingEvent[]
}

export type DepotOptions = {
  /** the server's own URL, for label links */
  readonly baseUrl: () => string
  /** read whenever a shipment enters a status; null: manual walk */
  readonly timings: () => WalkTimings | null
  readonly onEvent: (e: TrackingEvent) => void
}

const newRef = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`
const trackingNumber = () => `SBX${randomInt(1e11, 1e12)}`
const now = () => new Date().toISOString()

/** The sandbox carrier's books: shipments, their tracking events and walk timers, and the ledger. */
export const createCarrierDepot = (o: DepotOptions) => {
  const shipments = new Map<string, Shipment>()
  const ledger: LedgerEntry[] = []
  const timers = new Map<string, NodeJS.Timeout>()

  const view = (s: Shipment) => {
    const { events: _events, ...rest } = s
    return { object: 'shipment', ...rest, label_url: `${o.baseUrl()}/v1/shipments/${s.id}/label` }
  }
  const record = (type: LedgerEntry['type'], s: Shipment, key: string) => {
    const { id: shipment_id, tracking_number, reference, service, amount, currency } = s
    ledger.push({
      seq: ledger.length + 1,
      type,
      shipment_id,
      tracking_number,
      reference,
      service,
      amount,
      currency,
      idempotency_key: key,
      at: now(),
    })
  }

  const schedule = (s: Shipment) => {
    clearTimeout(timers.get(s.id))
    timers.delete(s.id)
    const ms = dwellMs(s.status, o.timings())
    if (ms === null) return
    const timer = setTimeout(() => {
      timers.delete(s.id)
      const next = nextOnWalk(s.status)
      if (next) move(s, next)
    }, ms)
    timers.set(s.id, timer)
  }

  const move = (s: Shipment, status: ShipmentStatus, note?: string) => {
    s.status = status
    const { id: shipment_id, tracking_number, reference } = s
    const seq = s.events.length + 1
    const e: TrackingEvent = {
      id: newRef('evt'),
      object: 'tracking_event',
      shipment_id,
      tracking_number,
      reference,
      seq,
      status,
      description: describeStatus(status, note),
      occurred_at: now(),
    }
    s.events.push(e)
    o.onEvent(e)
    schedule(s)
  }

  const open = (r: ShipmentRequest, kind: Shipment['kind'], returnFor: string | null, key: string): Answer => {
    const rate = quoteRates({ from: r.from.country, to: r.to.country, weightGrams: r.weight_grams }).find((x) => x.service === r.service)
    if (!rate)
      return fail(422, 'service_unavailable', `${r.service} does not take ${r.weight_grams} g from ${r.from.country} to ${r.to.country}.`)
    const s: Shipment = {
      ...r,
      id: newRef('shp'),
      tracking_number: trackingNumber(),
      kind,
      return_for: returnFor,
      amount: rate.amount,
      currency: rate.currency,
      estimated_days: rate.estimated_days,
      created_at: now(),
      status: 'label_created',
      events: [],
    }
    shipments.set(s.id, s)
    record(kind === 'return' ? 'return_label' : 'shipment', s, key)
    move(s, 'label_created')
    return { status: 201, body: view(s) }
  }

  const find = (id: string): Shipment | Answer => shipments.get(id) ?? fail(404, 'not_found', `No shipment ${id}.`)
  const isAnswer = (x: Shipment | Answer): x is Answer => !('events' in x)

  /** Moves a shipment by an action (cancel, or an admin's advance / exception); 409 when not allowed. */
  const act = (id: string, action: 'advance' | 'exception' | 'cancel', note?: string): Shipment | Answer => {
    const s = find(id)
    if (isAnswer(s)) return s
    const to = applyAction(s.status, action)
    if (!to)
      return fail(409, 'invalid_state', `A shipment in ${s.status} cannot be ${action === 'cancel' ? 'canceled' : `moved by ${action}`}.`)
    move(s, to, note)
    return s
  }

  return {
    ledger: (reference: string | null): readonly LedgerEntry[] => ledger.filter((e) => reference === null || e.reference === reference),
    create: (r: ShipmentRequest, key: string): Answer => open(r, 'outbound', null, key),
    get: (id: string): Answer => {
      const s = find(id)
      return isAnswer(s) ? s : { status: 200, body: view(s) }
    },
    events: (id: string, afterSeq: number): Answer => {
      const s = find(id)
      return isAnswer(s) ? s : { status: 200, body: { events: s.events.filter((e) => e.seq > afterSeq) } }
    },
    /** the label as a PDF (latin-1 text), or an error answer */
    label: (id: string): string | Answer => {
      const s = find(id)
      if (isAnswer(s)) return s
      const { tracking_number: trackingNumber, service, reference, weight_grams: weightGrams } = s
      return labelPdf({
        trackingNumber,
        service,
        reference,
        weightGrams,
        from: addressLine(s.from),
        to: addressLine(s.to),
        isReturn: s.kind === 'return',
      })
    },
    cancel: (id: string, key: string): Answer => {
      const s = act(id, 'cancel')
      if (isAnswer(s)) return s
      record('cancellation', s, key)
      return { status: 200, body: view(s) }
    },
    returnLabel: (id: string, key: string): Answer => {
      const s = find(id)
      if (isAnswer(s)) return s
      if (s.kind === 'return' || s.status === 'canceled')
        return fail(409, 'invalid_state', `No return label for a ${s.kind === 'return' ? 'return' : 'canceled shipment'}.`)
      const r = { reference: s.reference, service: 'standard' as const, from: s.to as Address, to: s.from, weight_grams: s.weight_grams }
      return open(r, 'return', s.id, key)
    },
    admin: (id: string, action: 'advance' | 'exception', note?: string): Answer => {
      const s = act(id, action, note)
      return isAnswer(s) ? s : { status: 200, body: view(s) }
    },
    /** restarts the dwell of every unfinished shipment under the current timings */
    retime: (): void => {
      for (const s of shipments.values()) if (!isFinal(s.status)) schedule(s)
    },
    stop: (): void => {
      for (const t of timers.values()) clearTimeout(t)
      timers.clear()
    },
  }
}
