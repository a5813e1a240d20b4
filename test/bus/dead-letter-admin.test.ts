import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createConsumerRegistry } from '../../src/platform/bus/consumer-registry.ts'
import { type EventBus, startEventBus } from '../../src/platform/bus/start-event-bus.ts'
import { startTestApp, staffToken, type TestApp } from '../support/start-app.ts'
import { engineKinds } from '../support/test-database.ts'
import { appendTestEvents, effects, logger, registerThrowaway, testBusOptions, waitFor } from './bus-fixture.ts'
import { sql } from 'drizzle-orm'

const PLACED = 'orders.order_placed.v1'

describe.each(engineKinds())('dead letters through the admin API on %s', (kind) => {
  let t: TestApp
  let bus: EventBus
  let auth: Record<string, string>
  let healthy = false
  let ids: string[]

  beforeAll(async () => {
    t = await startTestApp({ engine: kind, listen: false })
    await t.engines.db.orm.execute(
      sql`create table bus_test_effects (n serial primary key, consumer text not null, event_id text not null, instance text not null, attempt int not null)`,
    )
    auth = { authorization: `Bearer ${await staffToken(t)}` }
    const registry = createConsumerRegistry()
    registerThrowaway(registry, { consumer: 'notifications.order-email', topic: PLACED, failWhen: () => !healthy })
    bus = await startEventBus({
      db: t.engines.db,
      logger,
      registry,
      options: testBusOptions({ retry: { maxAttempts: 2, baseMs: 10, maxMs: 20 } }),
      role: 'start',
    })
    ids = await appendTestEvents(t.engines.db, PLACED, 3)
  })
  afterAll(async () => {
    await bus?.stop()
    await t?.close()
  })

  const get = (url: string, headers = auth) => t.app.inject({ method: 'GET', url, headers })

  test('staff list dead letters newest first, a page at a time; others are turned away', async () => {
    const all = await waitFor(
      'three dead letters',
      async () => (await get('/admin/dead-letters?limit=100')).json().dead_letters,
      (d) => d.length === 3,
    )
    expect(all[0]).toMatchObject({ consumer: 'notifications.order-email', topic: PLACED, attempts: 2, replayed_at: null })
    expect(all[0].error).toContain('boom on')
    expect(all.map((d: { event_id: string }) => d.event_id).sort()).toEqual([...ids].sort())
    expect((await get('/admin/dead-letters', {})).statusCode).toBe(401)

    const first = (await get('/admin/dead-letters?limit=2')).json()
    expect(first.dead_letters).toHaveLength(2)
    const second = (await get(`/admin/dead-letters?limit=2&cursor=${first.next_cursor}`)).json()
    expect(second.dead_letters).toHaveLength(1)
    expect(second.next_cursor).toBeNull()
    expect([...first.dead_letters, ...second.dead_letters].map((d: { id: string }) => d.id)).toEqual(all.map((d: { id: string }) => d.id))
    expect((await get('/admin/dead-letters?cursor=not-a-cursor')).statusCode).toBe(400)
    expect((await get('/admin/dead-letters?consumer=analytics.nobody')).json().dead_letters).toEqual([])
  })

  test('a replay delivers the event again to that consumer, once; a second replay is refused', async () => {
    const [target] = (await get('/admin/dead-letters?limit=1')).json().dead_letters
    healthy = true // the bug is fixed
    const replay = await t.app.inject({ method: 'POST', url: `/admin/dead-letters/${target.id}/replay`, headers: auth })
    expect(replay.statusCode).toBe(202)
    expect(replay.json().dead_letter.replayed_at).not.toBeNull()
    const done = await waitFor(
      'the replayed delivery',
      () => effects(t.engines.db),
      (rows) => rows.length === 1,
    )
    expect(done[0]).toMatchObject({ consumer: 'notifications.order-email', event_id: target.event_id, attempt: 1 })

    const again = await t.app.inject({ method: 'POST', url: `/admin/dead-letters/${target.id}/replay`, headers: auth })
    expect(again.statusCode).toBe(409)
    expect(again.json().error.code).toBe('already_replayed')
    const missing = await t.app.inject({ method: 'POST', url: '/admin/dead-letters/dlq_nope/replay', headers: auth })
    expect(missing.statusCode).toBe(404)
    expect((await get('/admin/dead-letters')).json().dead_letters).toHaveLength(2)
    expect((await get('/admin/dead-letters?status=replayed')).json().dead_letters.map((d: { id: string }) => d.id)).toEqual([target.id])
    await new Promise((r) => setTimeout(r, 200))
    expect(await effects(t.engines.db)).toHaveLength(1)
  })
})
