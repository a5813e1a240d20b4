import { randomUUID } from 'node:crypto'
import { arrivalsBy, flashArrivalsBy, phaseAt, type Schedule } from './arrival-schedule.ts'
import type { HttpClient } from './http-client.ts'
import { type JourneyMix, pickJourney } from './journey-mix.ts'
import { runJourney, type ShopperContext } from './journeys.ts'
import { readStock, readWaitingRoom } from './probe-target.ts'
import type { Catalog } from './read-catalog.ts'
import { createRunStats, type RunStats, recordAnswer, recordOrder, type Second, secondAt } from './run-stats.ts'

export type LoadOptions = {
  readonly schedule: Schedule
  readonly mix: JourneyMix
  readonly p99TargetMs: number
  /** journeys in flight at most; arrivals beyond are dropped and counted, so the generator cannot run away */
  readonly maxInFlight: number
  readonly maxRetries: number
  /** after the schedule ends, how long in-flight journeys may take to finish */
  readonly drainS: number
  /** stock and /metrics are read this often (0: never) */
  readonly probeEveryS: number
  /** the client stock and /metrics are read with (its own sockets, so the probes never queue behind shoppers) */
  readonly probe: HttpClient
  /** staff token or API key: exact stock from the admin API */
  readonly adminToken?: string
  readonly random: () => number
  readonly onSecond?: (second: Second, stats: RunStats) => void
  /** aborted (Ctrl-C): no more arrivals; in-flight journeys drain and the report is still written */
  readonly stop?: AbortSignal
}

export type LoadResult = {
  readonly stats: RunStats
  readonly unfinished: number
  readonly offered: number
  readonly started: number
  readonly dropped: number
}

const TICK_MS = 20
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, ms)))

/**
 * The open loop: every tick, start the journeys the schedule says should have started by now,
 * whether or not earlier ones have been answered (as real shoppers arrive). Bounded in time (the
 * schedule, then the drain) and in count (the in-flight cap).
 */
export const runLoad = async (http: HttpClient, catalog: Catalog, o: LoadOptions): Promise<LoadResult> => {
  const t0 = performance.now()
  const now = () => (performance.now() - t0) / 1000
  const stats = createRunStats(Date.now())
  const d = o.schedule.durationS
  let inFlight = 0
  let offered = 0
  let flashOffered = 0
  let started = 0
  let dropped = 0
  let n = 0
  const ctx: ShopperContext = {
    http,
    catalog,
    runId: `lt-${randomUUID().slice(0, 8)}`,
    now,
    phase: () => phaseAt(o.schedule, now()),
    random: o.random,
    sleep,
    maxRetries: o.maxRetries,
    retryUntil: () => (o.stop?.aborted ? 0 : d),
    report: (a) =>
      recordAnswer(
        stats,
        {
          at: now(),
          request: a.request,
          phase: phaseAt(o.schedule, now()),
          ms: a.reply.ms,
          status: a.reply.status,
          code: a.reply.code,
          outcome: a.outcome,
          timedOut: a.reply.timedOut,
        },
        o.p99TargetMs,
      ),
    onRetry: () => void stats.retries++,
    onGiveUp: () => void stats.gaveUpAfterRetries++,
    onOrder: (flash) => recordOrder(stats, now(), flash),
  }
  const launch = (t: number, flash: boolean) => {
    const sec = secondAt(stats, t)
    sec.offered++
    if (inFlight >= o.maxInFlight) {
      sec.dropped++
      dropped++
      return
    }
    sec.started++
    started++
    inFlight++
    const kind = flash ? 'flash' : pickJourney(o.mix, o.random())
    void runJourney(ctx, kind, n++)
      .catch(() => 'error')
      .finally(() => inFlight--)
  }

  let stopped = false
  const probes = o.probeEveryS > 0 ? probeLoop(o.probe, catalog, stats, now, () => stopped, o.probeEveryS, o.adminToken) : Promise.resolve()
  let reported = 0
  const report = () => {
    while (reported < Math.floor(now())) {
      const sec = secondAt(stats, reported)
      sec.inFlight = inFlight
      o.onSecond?.(sec, stats)
      reported++
    }
  }
  try {
    const arrive = (t: number) => {
      const at = Math.min(t, d)
      const dueN = Math.floor(arrivalsBy(o.schedule, at) + 1e-9) - offered
      const dueF = flashArrivalsBy(o.schedule, at) - flashOffered
      for (let i = 0; i < dueN; i++, offered++) launch(at - 1e-6, false)
      for (let i = 0; i < dueF; i++, flashOffered++) launch(at - 1e-6, true)
    }
    while (now() < d && !o.stop?.aborted) {
      arrive(now())
      report()
      await sleep(TICK_MS)
    }
    if (!o.stop?.aborted) arrive(d) // the schedule's last arrivals, due at its very end
    const drainUntil = Math.min(d, now()) + o.drainS
    while (inFlight > 0 && now() < drainUntil) {
      report()
      await sleep(50)
    }
    report()
  } finally {
    stopped = true
    await probes
  }
  return { stats, unfinished: inFlight, offered: offered + flashOffered, started, dropped }
}

const probeLoop = async (
  http: HttpClient,
  catalog: Catalog,
  stats: RunStats,
  now: () => number,
  stopped: () => boolean,
  everyS: number,
  adminToken?: string,
) => {
  const popular = catalog.popular
  while (!stopped()) {
    const t = now()
    const [stock, flash, room] = await Promise.all([
      readStock(http, popular, adminToken),
      catalog.flash ? readStock(http, [catalog.flash], adminToken) : Promise.resolve(null),
      readWaitingRoom(http),
    ])
    const sec = secondAt(stats, t)
    sec.stockLeft = stock
    sec.flashStockLeft = flash
    sec.waitingRoom = room
    const until = performance.now() + everyS * 1000
    while (!stopped() && performance.now() < until) await sleep(100)
  }
}
