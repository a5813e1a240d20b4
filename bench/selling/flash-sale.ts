import { monitorEventLoopDelay } from 'node:perf_hooks'
import { type AcceptQueue, watchAcceptQueue } from './accept-queue.ts'
import { errorCode, type JsonClient } from './json-client.ts'
import { type LatencySummary, summarize } from './percentiles.ts'
import { checkoutBody, fillCart } from './shop-setup.ts'

/** Database activity counters (PostgreSQL's pg_stat_database for the bench database). */
export type DbActivity = { readonly commits: number; readonly rollbacks: number; readonly rowsWritten: number }

export type FlashSaleResult = {
  readonly gate: boolean
  readonly buyers: number
  readonly units: number
  /** buyers arriving per second (open loop) */
  readonly arrivalRate: number
  /** answers 503 (shed) that the buyer retried after Retry-After */
  readonly retriedAfter503: number
  readonly orders: number
  readonly soldOutAnswers: number
  readonly otherAnswers: Record<string, number>
  /** from the opening to the answer of the last successful checkout */
  readonly soldOutAfterMs: number
  /** from the opening to the last answer of all */
  readonly allAnsweredAfterMs: number
  /** latency of the "sold out" answers (the request that got it) */
  readonly soldOut: LatencySummary
  /** the same by the second of the sale the buyer arrived in (0 = the first second): when the slow answers came */
  readonly soldOutByArrivalSecond: readonly LatencySummary[]
  /** the same by the buyer's connection: opened for this request, or an idle keep-alive one reused */
  readonly soldOutByConnection: { readonly new: LatencySummary; readonly reused: LatencySummary }
  /** connections completed by the kernel but not yet accepted by crest serve (Linux only; null elsewhere) */
  readonly acceptQueue: AcceptQueue | null
  /** the load generator's own event-loop delay during the sale (ms): an answer it was too busy to read counts late */
  readonly generatorLoopDelay: { readonly p50: number; readonly p99: number; readonly max: number }
  /** every buyer's time from arrival to final answer, retries after 503 included */
  readonly buyerWait: LatencySummary
  readonly ordered: LatencySummary
  readonly stockAfter: { readonly onHand: number; readonly reserved: number }
  /** database work during the sale (null on PGlite, which keeps no such statistics) */
  readonly db: DbActivity | null
}

type Stock = { levels: { on_hand: number; reserved: number }[] }

/** a shed buyer comes back after Retry-After, up to this many times, so every buyer gets a final answer */
const MAX_RETRIES = 40

/** the loop-delay histogram's resolution: its values are the timer's whole period, so this is taken off */
const LOOP_DELAY_RESOLUTION_MS = 10
const lateMs = (ns: number) => Math.round(Math.max(0, ns / 1e6 - LOOP_DELAY_RESOLUTION_MS) * 100) / 100

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)))

/**
 * `buyers` shoppers each fill a cart with one unit of a variant that has `units` in stock, before
 * the sale opens; then they check out, arriving at `arrivalRate` a second from the opening (an
 * open loop: a slow answer does not slow the arrivals down, as in a real sale). With `gate`, the
 * variant's flash sale is opened first, so the hot-SKU gate answers the buyers past the stock.
 */
export const runFlashSale = async (
  api: JsonClient,
  o: {
    /** the buyers' own client: a socket for every buyer at once, as 10,000 browsers have (see below) */
    buyersApi: JsonClient
    gate: boolean
    buyers: number
    units: number
    arrivalRate: number
    variantId: string
    shippingOptionId: string
    auth: Record<string, string>
    dbActivity: (() => Promise<DbActivity>) | null
    /** the port crest serve listens on, to watch its accept queue */
    servePort: number
    say: (l: string) => void
  },
): Promise<FlashSaleResult> => {
  const locations = (await api.get('/admin/stock-locations', o.auth)).body as { locations: { id: string; is_default: boolean }[] }
  for (const l of locations.locations) {
    const r = await api.put(`/admin/inventory/${o.variantId}`, { on_hand: l.is_default ? o.units : 0, location_id: l.id }, o.auth)
    if (r.status !== 200) throw new Error(`set stock: ${r.status} ${JSON.stringify(r.body)}`)
  }

  o.say(`    filling ${o.buyers.toLocaleString('en-US')} carts before the sale opens…`)
  const carts: string[] = []
  let next = 0
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      while (next < o.buyers) {
        next++
        const f = await fillCart(api, o.variantId)
        if (!f.cartId) throw new Error(`could not fill a cart: ${f.code}`)
        carts.push(f.cartId)
      }
    }),
  )

  if (o.gate) {
    const r = await api.put(`/admin/flash-sales/${o.variantId}`, { active: true }, o.auth)
    if (r.status !== 200) throw new Error(`open flash sale: ${r.status} ${JSON.stringify(r.body)}`)
    o.say(`    flash sale opened: the gate admits ${(r.body as { units: number }).units} units`)
  } else o.say('    no gate: every buyer goes to the database reservation path')
  await new Promise((r) => setTimeout(r, 1500)) // every process sees the gate (its list refreshes each second)

  const before = o.dbActivity ? await o.dbActivity() : null
  const ordered: number[] = []
  const soldOut: number[] = []
  const waited: number[] = []
  const other: Record<string, number> = {}
  let retried = 0
  let lastOrderAt = 0
  let lastAnswerAt = 0
  const acceptQueue = watchAcceptQueue(o.servePort)
  const loopDelay = monitorEventLoopDelay({ resolution: LOOP_DELAY_RESOLUTION_MS })
  loopDelay.enable()
  const opened = performance.now()
  const soldOutBySecond: number[][] = []
  const soldOutByConnection = { new: [] as number[], reused: [] as number[] }
  // open loop: buyer n arrives at n / arrivalRate seconds, whatever happened to the others
  const buyer = async (n: number) => {
    const arriveAt = opened + (n / o.arrivalRate) * 1000
    await sleep(arriveAt - performance.now())
    const t0 = performance.now()
    for (let attempt = 0; ; attempt++) {
      // each buyer is a browser with its own connection: through a shared, bounded socket pool the
      // buyers past the stock would queue in the load generator behind the admitted ones, who hold
      // their sockets while they wait in the server's line, and that wait would be counted as theirs
      const r = await o.buyersApi.post(`/store/carts/${carts[n]}/checkout`, checkoutBody(o.shippingOptionId, n))
      if (r.status === 503 && attempt < MAX_RETRIES) {
        // shed: come back when told to, as a storefront would (bounded)
        retried++
        await sleep(Math.min(5, Number(r.headers['retry-after'] ?? 1)) * 1000 * (0.5 + Math.random()))
        continue
      }
      const at = performance.now() - opened
      const ms = r.ms
      waited.push(performance.now() - t0)
      lastAnswerAt = Math.max(lastAnswerAt, at)
      if (r.status === 201) {
        ordered.push(ms)
        lastOrderAt = Math.max(lastOrderAt, at)
      } else if (r.status === 409 && errorCode(r) === 'out_of_stock') {
        soldOut.push(ms)
        const second = Math.floor((t0 - opened) / 1000)
        soldOutBySecond[second] ??= []
        soldOutBySecond[second].push(ms)
        soldOutByConnection[r.newConnection ? 'new' : 'reused'].push(ms)
      } else other[`${r.status} ${errorCode(r)}`] = (other[`${r.status} ${errorCode(r)}`] ?? 0) + 1
      return
    }
  }
  await Promise.all(carts.map((_, n) => buyer(n)))
  const queued = acceptQueue.stop()
  loopDelay.disable()
  await new Promise((r) => setTimeout(r, 1500)) // PostgreSQL flushes its statistics about once a second
  const after = o.dbActivity ? await o.dbActivity() : null
  if (o.gate) await api.put(`/admin/flash-sales/${o.variantId}`, { active: false }, o.auth)

  const stock = (await api.get(`/admin/inventory/${o.variantId}`, o.auth)).body as Stock
  return {
    gate: o.gate,
    buyers: o.buyers,
    units: o.units,
    arrivalRate: o.arrivalRate,
    retriedAfter503: retried,
    orders: ordered.length,
    soldOutAnswers: soldOut.length,
    otherAnswers: other,
    soldOutAfterMs: Math.round(lastOrderAt),
    allAnsweredAfterMs: Math.round(lastAnswerAt),
    soldOut: summarize(soldOut),
    soldOutByArrivalSecond: Array.from(soldOutBySecond, (ms) => summarize(ms ?? [])),
    soldOutByConnection: { new: summarize(soldOutByConnection.new), reused: summarize(soldOutByConnection.reused) },
    acceptQueue: queued,
    generatorLoopDelay: {
      p50: lateMs(loopDelay.percentile(50)),
      p99: lateMs(loopDelay.percentile(99)),
      max: lateMs(loopDelay.max),
    },
    buyerWait: summarize(waited),
    ordered: summarize(ordered),
    stockAfter: {
      onHand: stock.levels.reduce((a, l) => a + l.on_hand, 0),
      reserved: stock.levels.reduce((a, l) => a + l.reserved, 0),
    },
    db:
      before && after
        ? {
            commits: after.commits - before.commits,
            rollbacks: after.rollbacks - before.rollbacks,
            rowsWritten: after.rowsWritten - before.rowsWritten,
          }
        : null,
  }
}
