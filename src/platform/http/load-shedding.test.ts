import { request } from 'node:http'
import Fastify, { type FastifyInstance } from 'fastify'
import { afterEach, describe, expect, test } from 'vitest'
import { registerLoadShedding } from './load-shedding.ts'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const limits = { checkout: 1, cart: 1, catalog: 1, admin: 1, other: 1 }

let app: FastifyInstance | undefined
afterEach(async () => {
  await app?.close()
  app = undefined
})

const listen = async (a: FastifyInstance) => {
  await a.listen({ port: 0, host: '127.0.0.1' })
  return (a.server.address() as { port: number }).port
}

/** A request the client gives up on after `abortAfterMs`, without reading an answer. */
const abandon = async (port: number, path: string, abortAfterMs: number) => {
  const req = request({ host: '127.0.0.1', port, path, method: 'POST' })
  req.on('error', () => {})
  req.end()
  await sleep(abortAfterMs)
  req.destroy()
}

describe('load shedding', () => {
  test('past the limit a request is answered 503 overloaded with Retry-After, and the slot comes back after the answer', async () => {
    app = Fastify({ forceCloseConnections: true })
    const shed = registerLoadShedding(app, limits)
    let release: () => void = () => {}
    let entered: () => void = () => {}
    const inHandler = new Promise<void>((r) => {
      entered = r
    })
    const held = new Promise<void>((r) => {
      release = r
    })
    app.post('/store/carts', async () => {
      entered()
      await held
      return { ok: true }
    })
    const port = await listen(app)
    const first = fetch(`http://127.0.0.1:${port}/store/carts`, { method: 'POST' })
    await inHandler
    const second = await fetch(`http://127.0.0.1:${port}/store/carts`, { method: 'POST' })
    expect(second.status).toBe(503)
    expect(second.headers.get('retry-after')).toBe('1')
    expect(((await second.json()) as { error: { code: string } }).error.code).toBe('overloaded')
    release()
    expect((await first).status).toBe(200)
    await sleep(50)
    expect(shed.inFlight().cart).toBe(0)
    expect((await fetch(`http://127.0.0.1:${port}/store/carts`, { method: 'POST' })).status).toBe(200)
  })

  test('a shopper who gives up while an earlier hook is still working does not keep the slot', async () => {
    app = Fastify({ forceCloseConnections: true })
    app.addHook('onRequest', async () => sleep(200)) // e.g. the waiting room asking Redis
    const shed = registerLoadShedding(app, limits)
    app.post('/store/carts', async () => ({ ok: true }))
    const port = await listen(app)
    await abandon(port, '/store/carts', 50)
    await sleep(400)
    expect(shed.inFlight().cart).toBe(0)
    expect((await fetch(`http://127.0.0.1:${port}/store/carts`, { method: 'POST' })).status).toBe(200)
  })

  test('a shopper who gives up while the handler works gives the slot back', async () => {
    app = Fastify({ forceCloseConnections: true })
    const shed = registerLoadShedding(app, limits)
    app.post('/store/carts', async () => {
      await sleep(200)
      return { ok: true }
    })
    const port = await listen(app)
    await abandon(port, '/store/carts', 50)
    await sleep(400)
    expect(shed.inFlight().cart).toBe(0)
  })

  test('with a latency target, slow answers shrink the class limit so the next requests are shed at once, not queued', async () => {
    app = Fastify({ forceCloseConnections: true })
    const shed = registerLoadShedding(app, { checkout: 100, cart: 100, catalog: 100, admin: 100, other: 100 }, undefined, {
      targetMs: 200, // answers count as slow past half of it (100 ms), well above a busy machine's loopback time
      classes: ['catalog'],
      maxLagMs: 1000, // this test is about the answers' latency; a busy test machine's lag must not steer it
    })
    let delayMs = 250
    app.get('/store/products', async () => {
      await sleep(delayMs)
      return { ok: true }
    })
    const port = await listen(app)
    const get = () => fetch(`http://127.0.0.1:${port}/store/products`).then((r) => r.status)
    expect(shed.limits().catalog).toBe(16) // where an adaptive limit starts
    for (let round = 0; round < 24; round++) await Promise.all([get(), get()]) // every answer slower than the target
    const shrunk = shed.limits().catalog
    expect(shrunk).toBeLessThanOrEqual(8)
    const statuses = await Promise.all(Array.from({ length: shrunk + 6 }, get))
    expect(statuses.filter((s) => s === 503)).toHaveLength(6)
    expect(shed.limits().cart).toBe(100) // a class without the target keeps its static limit
    // fast again, and busy: the limit grows back
    delayMs = 1
    const until = Date.now() + 2000 // ten windows
    while (Date.now() < until) await Promise.all(Array.from({ length: shed.limits().catalog + 2 }, get))
    expect(shed.limits().catalog).toBeGreaterThan(shrunk * 2)
  })

  test('slow answers on a protected class (buying) cut back the other adaptive classes (browsing)', async () => {
    app = Fastify({ forceCloseConnections: true })
    const shed = registerLoadShedding(app, { checkout: 100, cart: 100, catalog: 100, admin: 100, other: 100 }, undefined, {
      targetMs: 100,
      classes: ['catalog', 'cart'],
      protect: ['checkout', 'cart'],
      maxLagMs: 1000,
    })
    app.post('/store/carts/:id/checkout', async () => {
      await sleep(150) // every checkout slower than the target
      return { ok: true }
    })
    app.get('/store/products', async () => ({ ok: true }))
    const port = await listen(app)
    const until = Date.now() + 1500
    while (Date.now() < until) {
      await Promise.all([
        fetch(`http://127.0.0.1:${port}/store/carts/c1/checkout`, { method: 'POST' }),
        fetch(`http://127.0.0.1:${port}/store/products`), // fast itself
      ])
    }
    expect(shed.limits().catalog).toBeLessThanOrEqual(8) // browsing was cut back for the buyers' sake
    expect(shed.limits().cart).toBe(16) // a protected class is not cut back by its peers
    expect(shed.limits().checkout).toBe(100) // checkout keeps its fixed limit (its line decides)
  })
})
