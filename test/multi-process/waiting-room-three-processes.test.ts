import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { crest, type ServeProcess, startServe } from '../support/crest-process.ts'
import { createTestDatabase } from '../support/test-database.ts'
import { queued, seqOf, visit } from '../waiting-room/visit.ts'

const servicesSet = Boolean(process.env.DATABASE_URL && process.env.REDIS_URL)

const RATE = 4 // shoppers let in per second, over all processes together
const SHOPPERS = 100 // more than 3 × RATE × DRIVE_S: a per-process line would let in ~96 of them
const DRIVE_S = 8
const POLL_EVERY_MS = 250

/**
 * Three real `crest serve` processes sharing PostgreSQL and Redis, the waiting room switched on.
 * Shoppers take tickets and ask again every 250 ms (or as fast as the machine answers), each time
 * at another process, for a bounded time. The admitted count N is held to bounds taken from the
 * clock, so a slow shared machine widens nothing by guesswork:
 *  - above: the shared cursor grows RATE per second from the first ticket, which came after t0,
 *    so N ≤ RATE × (t_end − t0), +1 for rounding between this clock and Redis's (one host);
 *  - below: the cursor started before the first batch of tickets was answered (t1), so at the
 *    start of the last polling round (t_last) every ticket up to RATE × (t_last − t1) had its turn,
 *    and that round asked for every ticket not yet in: N ≥ ⌊RATE × (t_last − t1)⌋.
 * The gap between the bounds is RATE × (issuing time + one round). A line per process would let
 * in about 3 × RATE × T, far above the upper bound.
 */
describe.skipIf(!servicesSet)('the waiting room across three crest processes sharing Redis', () => {
  let procs: ServeProcess[] = []
  let closeDb: () => Promise<void>

  beforeAll(async () => {
    const db = await createTestDatabase('postgres')
    closeDb = db.close
    const env = {
      DATABASE_URL: db.url as string,
      REDIS_URL: process.env.REDIS_URL as string,
      REDIS_PREFIX: `crest-wr3-${randomBytes(4).toString('hex')}:`,
      WAITING_ROOM_MODE: 'on',
      WAITING_ROOM_ADMIT_PER_SECOND: String(RATE),
      WAITING_ROOM_MAX_REFRESH_SECONDS: '2',
      SEED_PRODUCTS: '0',
      LOG_LEVEL: 'error',
      SANDBOX_PAYMENTS_PORT: '0',
      SANDBOX_CARRIER_PORT: '0',
    }
    await crest(['migrate'], env)
    procs = await Promise.all([startServe(env), startServe(env), startServe(env)])
  }, 180_000)

  afterAll(async () => {
    await Promise.all(procs.map((p) => p.stop()))
    await closeDb?.()
  })

  test('tickets from any process are admitted in arrival order at the configured rate overall, not per process', async () => {
    const t0 = Date.now()
    let t1 = 0
    const tickets: string[] = new Array(SHOPPERS)
    for (let i = 0; i < SHOPPERS; i += 25) {
      await Promise.all(
        Array.from({ length: 25 }, async (_, k) => {
          const n = i + k
          const v = await visit(`${procs[n % 3]?.url}/`, { ua: `shopper-${n}` })
          expect(queued(v)).toBe(true)
          tickets[n] = v.ticket as string
        }),
      )
      if (i === 0) t1 = Date.now()
    }
    // one line: the numbers the three processes handed out are 1..SHOPPERS, each once
    expect(tickets.map(seqOf).sort((a, b) => a - b)).toEqual(Array.from({ length: SHOPPERS }, (_, i) => i + 1))

    const admitted = new Map<number, number>() // seq → process that let it in
    let round = 0
    let lastRoundStart = 0
    while (Date.now() - t0 < DRIVE_S * 1000) {
      const roundStart = Date.now()
      lastRoundStart = roundStart
      const pending = tickets.map((ticket, i) => ({ ticket, i })).filter(({ ticket }) => !admitted.has(seqOf(ticket)))
      for (let c = 0; c < pending.length; c += 34) {
        await Promise.all(
          pending.slice(c, c + 34).map(async ({ ticket, i }) => {
            const p = (i + round) % 3
            const v = await visit(`${procs[p]?.url}/`, { ticket })
            if (v.status === 200) {
              expect(v.pass).toMatch(/^p1\./)
              admitted.set(seqOf(ticket), p)
            } else expect(queued(v)).toBe(true)
          }),
        )
      }
      round++
      await new Promise((r) => setTimeout(r, Math.max(0, POLL_EVERY_MS - (Date.now() - roundStart))))
    }
    const tEnd = (Date.now() - t0) / 1000
    const n = admitted.size
    const lower = Math.floor((RATE * (lastRoundStart - t1)) / 1000)
    const upper = Math.floor(RATE * tEnd) + 1
    console.log(
      `waiting room, 3 processes at ${RATE}/s: ${n} admitted in ${tEnd.toFixed(2)} s over ${round} rounds; bounds ${lower}…${upper}`,
    )
    // the drive was long enough for the bounds to mean something (not vacuous on a slow machine)
    expect(lastRoundStart - t1).toBeGreaterThan((DRIVE_S - 4) * 1000)
    expect(n).toBeLessThanOrEqual(upper)
    expect(n).toBeGreaterThanOrEqual(lower)
    // strictly in arrival order: exactly the first n tickets, whichever process issued or admitted them
    expect([...admitted.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i + 1))
    // and every process did admit
    expect(new Set(admitted.values()).size).toBe(3)
  }, 60_000)
})
