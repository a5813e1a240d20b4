import { errorCode, type JsonClient, type Reply } from '../../bench/selling/json-client.ts'
import { checkoutBody, fillCart } from '../../bench/selling/shop-setup.ts'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)))

/** One fault: what is done to the system, for how long, and how it is undone. */
export type Fault = {
  readonly name: string
  readonly describe: string
  readonly inject: () => Promise<void>
  readonly holdMs: number
  readonly heal: () => Promise<void>
}

export type PhaseResult = {
  readonly fault: string
  readonly description: string
  readonly variantId: string
  readonly units: number
  readonly buyers: number
  readonly startedAt: string
  readonly faultStartAt: string
  readonly faultEndAt: string
  /** from the end of the fault (the heal begins) until every serve, worker and nginx answer /readyz 200; null: not within the limit */
  readonly readyzRecoveredMs: number | null
  readonly finishedAt: string
  /** order ids answered 201 */
  readonly acknowledged: readonly string[]
  /** every answer that was not a 201, counted by status and code, retries included */
  readonly answersByCode: Readonly<Record<string, number>>
  /** final answers per buyer (after retries) */
  readonly finalByCode: Readonly<Record<string, number>>
  readonly retries: number
  /** what probes saw every half second from the fault's start until /readyz was green: "probe: answer" → times */
  readonly observed: Readonly<Record<string, number>>
}

/** a shed or failed buyer comes back, as a storefront would, at most this often and this long */
const MAX_ATTEMPTS = 30
const BUYER_DEADLINE_MS = 75_000
const RETRYABLE = (r: Reply) =>
  r.status === 0 ||
  r.status === 502 ||
  r.status === 503 ||
  r.status === 504 ||
  r.status === 429 ||
  (r.status === 409 && errorCode(r) === 'idempotency_in_progress')

const keyOf = (r: Reply) => (r.status === 201 ? '201' : `${r.status} ${errorCode(r)}`)

/**
 * A bounded flash sale through nginx while one fault happens: `buyers` shoppers fill carts with
 * one unit of a variant that has `units` in stock, the sale opens (the hot-SKU gate), the buyers
 * arrive at `arrivalPerSecond` (open loop) and check out with an Idempotency-Key of their own,
 * retrying after 503/502/network errors; `startAfterMs` into the arrivals the fault is injected,
 * held, then healed, and /readyz is polled until everything is green again.
 */
export const runFaultPhase = async (
  api: JsonClient,
  o: {
    readonly fault: Fault
    readonly variantId: string
    readonly units: number
    readonly buyers: number
    readonly arrivalPerSecond: number
    readonly startAfterMs: number
    readonly shippingOptionId: string
    readonly auth: Record<string, string>
    readonly allReady: () => Promise<boolean>
    readonly readyLimitMs: number
    readonly say: (l: string) => void
    /** probes run every half second during the fault and the recovery: name → what was seen */
    readonly sample?: () => Promise<Record<string, string>>
  },
): Promise<PhaseResult> => {
  const startedAt = new Date().toISOString()
  const locations = (await api.get('/admin/stock-locations', o.auth)).body as { locations: { id: string; is_default: boolean }[] }
  for (const l of locations.locations) {
    const r = await api.put(`/admin/inventory/${o.variantId}`, { on_hand: l.is_default ? o.units : 0, location_id: l.id }, o.auth)
    if (r.status !== 200) throw new Error(`set stock: ${r.status} ${JSON.stringify(r.body)}`)
  }
  const carts: string[] = []
  let next = 0
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < o.buyers) {
        next++
        const f = await fillCart(api, o.variantId)
        if (!f.cartId) throw new Error(`could not fill a cart: ${f.code}`)
        carts.push(f.cartId)
      }
    }),
  )
  const sale = await api.put(`/admin/flash-sales/${o.variantId}`, { active: true }, o.auth)
  if (sale.status !== 200) throw new Error(`open flash sale: ${sale.status} ${JSON.stringify(sale.body)}`)
  await sleep(1500) // every process sees the gate

  const acknowledged: string[] = []
  const answers: Record<string, number> = {}
  const finals: Record<string, number> = {}
  let retries = 0
  const count = (m: Record<string, number>, k: string) => {
    m[k] = (m[k] ?? 0) + 1
  }
  const opened = performance.now()
  const buyer = async (n: number) => {
    await sleep(opened + (n / o.arrivalPerSecond) * 1000 - performance.now())
    const until = performance.now() + BUYER_DEADLINE_MS
    const key = { 'idempotency-key': `chaos-${o.fault.name}-${n}-${carts[n]}` }
    for (let attempt = 1; ; attempt++) {
      const r = await api.post(`/store/carts/${carts[n]}/checkout`, checkoutBody(o.shippingOptionId, n), key)
      if (r.status === 201) acknowledged.push((r.body as { order: { id: string } }).order.id)
      else count(answers, keyOf(r))
      if (RETRYABLE(r) && attempt < MAX_ATTEMPTS && performance.now() < until) {
        retries++
        const after = Math.min(3, Number(r.headers['retry-after'] ?? 1) || 1)
        await sleep(after * 1000 * (0.5 + Math.random()))
        continue
      }
      count(finals, keyOf(r))
      return
    }
  }
  const buyers = Promise.all(carts.map((_, n) => buyer(n)))

  await sleep(o.startAfterMs)
  const observed: Record<string, number> = {}
  let sampling = true
  const sampler = (async () => {
    for (let i = 0; sampling && i < 400; i++) {
      const seen = (await o.sample?.().catch(() => ({}))) ?? {}
      for (const [k, v] of Object.entries(seen)) count(observed, `${k}: ${v}`)
      await sleep(500)
    }
  })()
  const faultStartAt = new Date().toISOString()
  o.say(`    ${faultStartAt} fault: ${o.fault.describe}`)
  await o.fault.inject()
  await sleep(o.fault.holdMs)
  const faultEndAt = new Date().toISOString()
  const endedAt = performance.now()
  o.say(`    ${faultEndAt} fault ends: healing`)
  const healing = o.fault.heal()
  let readyzRecoveredMs: number | null = null
  const limit = endedAt + o.readyLimitMs + 15_000 // look a little past the limit, to report how late it was
  while (performance.now() < limit) {
    if (await o.allReady()) {
      readyzRecoveredMs = Math.round(performance.now() - endedAt)
      break
    }
    await sleep(250)
  }
  await healing
  if (readyzRecoveredMs === null && (await o.allReady())) readyzRecoveredMs = Math.round(performance.now() - endedAt)
  sampling = false
  await sampler
  o.say(`    readyz green ${readyzRecoveredMs === null ? 'NOT within the limit' : `${readyzRecoveredMs} ms after the fault ended`}`)
  await buyers
  await api.put(`/admin/flash-sales/${o.variantId}`, { active: false }, o.auth)
  return {
    fault: o.fault.name,
    description: o.fault.describe,
    variantId: o.variantId,
    units: o.units,
    buyers: o.buyers,
    startedAt,
    faultStartAt,
    faultEndAt,
    readyzRecoveredMs,
    finishedAt: new Date().toISOString(),
    acknowledged,
    answersByCode: answers,
    finalByCode: finals,
    retries,
    observed,
  }
}
