import Fastify from 'fastify'
import { describe, expect, test } from 'vitest'
import { createWaitingRoom, type WaitingRoomOptions } from './create-waiting-room.ts'
import { localLoadMeter } from './load-meter.ts'
import { localQueueStore, type QueueStore } from './queue-store.ts'
import { registerWaitingRoom } from './register-waiting-room.ts'
import { localRoomSwitch } from './room-switch.ts'

const OPTIONS: WaitingRoomOptions = {
  mode: 'on',
  maxShoppers: 0,
  maxRps: 0,
  sessionWindowSeconds: 60,
  cooldownSeconds: 60,
  admitPerSecond: 1,
  passSeconds: 60,
  ticketTtlSeconds: 600,
  maxRefreshSeconds: 10,
}

const appWith = (queue: QueueStore) => {
  const room = createWaitingRoom(
    { queue, meter: localLoadMeter({ windowSeconds: 60 }), roomSwitch: localRoomSwitch(), secret: () => 'k'.repeat(32), checkMs: 0 },
    OPTIONS,
  )
  const app = Fastify()
  registerWaitingRoom(app, {
    room,
    apiScope: 'checkout',
    storeName: 'Shop <&>',
    secureCookies: true,
    bypass: async (t) => t === 'staff-token',
  })
  app.get('/', async () => 'the store')
  return app
}

describe('the waiting room in front of the routes', () => {
  test('the queue page: 503, Retry-After, no-store, a strict CSP, no script, a meta refresh, escaped store name, Secure cookie', async () => {
    const app = appWith(localQueueStore({ ratePerSecond: 1 }))
    const r = await app.inject({ method: 'GET', url: '/?q=<x>' })
    expect(r.statusCode).toBe(503)
    expect(r.headers['retry-after']).toBe('1')
    expect(r.headers['cache-control']).toBe('no-store')
    expect(r.headers['content-security-policy']).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'/)
    expect(r.body).not.toContain('<script')
    expect(r.body).toContain('<meta http-equiv="refresh" content="1;url=/?q=%3Cx%3E">')
    expect(r.body).toContain('Shop &lt;&amp;&gt;')
    expect(String(r.headers['set-cookie'])).toMatch(
      /^crest_queue=q1\.1\.\d+\.[\w-]+\.[\w-]+; Path=\/; Max-Age=600; HttpOnly; SameSite=Lax; Secure$/,
    )
  })

  test('a staff bearer passes; a made-up one queues', async () => {
    const app = appWith(localQueueStore({ ratePerSecond: 1 }))
    expect((await app.inject({ method: 'GET', url: '/', headers: { authorization: 'Bearer staff-token' } })).statusCode).toBe(200)
    expect((await app.inject({ method: 'GET', url: '/', headers: { authorization: 'Bearer nope' } })).statusCode).toBe(503)
  })

  test('when the line cannot be reached (Redis down) the request is let in, not failed', async () => {
    const broken: QueueStore = {
      describe: 'broken',
      issue: () => Promise.reject(new Error('connection refused')),
      admit: () => Promise.reject(new Error('connection refused')),
      status: () => Promise.reject(new Error('connection refused')),
    }
    const r = await appWith(broken).inject({ method: 'GET', url: '/' })
    expect(r.statusCode).toBe(200)
    expect(r.body).toBe('the store')
  })
})
