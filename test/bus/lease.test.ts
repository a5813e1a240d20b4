import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Database } from '../../src/platform/db/database.ts'
import { databaseLease } from '../../src/platform/jobs/lease.ts'
import { runJobs } from '../../src/platform/jobs/run-every.ts'
import { createTestDatabase, engineKinds } from '../support/test-database.ts'
import { logger, waitFor } from './bus-fixture.ts'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe.each(engineKinds())('job leases on %s', (kind) => {
  let db: Database

  beforeAll(async () => {
    db = await createTestDatabase(kind)
  })
  afterAll(async () => {
    await db?.close()
  })

  test('a lease has one holder until it is released or expires', async () => {
    const a = databaseLease(db, 'host-a:1')
    const b = databaseLease(db, 'host-b:2')
    expect(await a.acquire('job:report', 60_000)).toBe(true)
    expect(await b.acquire('job:report', 60_000)).toBe(false)
    expect(await a.acquire('job:report', 60_000)).toBe(true) // renewal
    expect(await b.acquire('job:other', 60_000)).toBe(true) // leases are per name
    await b.release('job:report') // not b's to release
    expect(await b.acquire('job:report', 60_000)).toBe(false)
    await a.release('job:report')
    expect(await b.acquire('job:report', 300)).toBe(true)
    expect(await a.acquire('job:report', 60_000)).toBe(false)
    await sleep(400) // b died without releasing: its lease runs out
    expect(await a.acquire('job:report', 60_000)).toBe(true)
    await db.orm.execute(sql`delete from platform.leases`)
  })

  test('two runners of one job never run it at the same time; when one stops the other takes over', async () => {
    const log: { runner: string; start: number; end: number }[] = []
    let running = 0
    let overlap = 0
    const job = (runner: string) => ({
      name: 'release-expired-reservations',
      everyMs: 20,
      run: async () => {
        running++
        if (running > 1) overlap++
        const start = Date.now()
        await sleep(15)
        running--
        log.push({ runner, start, end: Date.now() })
      },
    })
    const stopA = runJobs([job('a')], logger, { lease: databaseLease(db, 'runner-a'), leaseMs: () => 60_000 })
    const stopB = runJobs([job('b')], logger, { lease: databaseLease(db, 'runner-b'), leaseMs: () => 60_000 })
    await waitFor(
      'a few runs',
      async () => log.length,
      (n) => n >= 8,
    )
    const first = log[0]?.runner
    expect(log.every((r) => r.runner === first)).toBe(true) // the holder keeps its lease
    expect(overlap).toBe(0)
    const stopFirst = first === 'a' ? stopA : stopB
    const other = first === 'a' ? 'b' : 'a'
    await stopFirst() // releases the lease
    const handedOver = log.length
    await waitFor(
      'the other runner to take over',
      async () => log.slice(handedOver).filter((r) => r.runner === other).length,
      (n) => n >= 3,
    )
    await (first === 'a' ? stopB : stopA)()
    expect(overlap).toBe(0)
  })

  test('without a lease, runJobs keeps its old behaviour: every runner runs', async () => {
    const seen = new Set<string>()
    const stops = ['x', 'y'].map((r) => runJobs([{ name: 'tick', everyMs: 10, run: async () => seen.add(r) }], logger))
    await waitFor(
      'both runners',
      async () => seen.size,
      (n) => n === 2,
    )
    await Promise.all(stops.map((s) => s()))
  })
})
