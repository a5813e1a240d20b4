import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { waitingRoomMetrics } from '../../src/platform/metrics/index.ts'
import { newTokenId, signPass, signTicket } from '../../src/platform/waiting-room/queue-tokens.ts'
import { staffToken, startTestApp, type TestApp } from '../support/start-app.ts'
import { queued, seqOf, visit } from './visit.ts'

const SECRET = 'waiting-room-test-secret-0123456789abcdef'
const RATE = 5
const TTL_S = 600

const setups = [{ redis: false }, ...(process.env.REDIS_URL ? [{ redis: true }] : [])]

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe.each(setups)('the waiting room over HTTP (Redis: $redis)', ({ redis }) => {
  let t: TestApp
  let staff: string
  const json = { 'content-type': 'application/json' }
  const setMode = async (mode: 'on' | 'off' | 'auto') => {
    const r = await fetch(`${t.url}/admin/waiting-room`, {
      method: 'PUT',
      headers: { ...json, authorization: `Bearer ${staff}` },
      body: JSON.stringify({ mode }),
    })
    expect(r.status).toBe(200)
    return r.json()
  }

  beforeAll(async () => {
    t = await startTestApp({
      redis,
      seedProducts: 3,
      env: {
        WAITING_ROOM_MODE: 'on',
        WAITING_ROOM_ADMIT_PER_SECOND: String(RATE),
        WAITING_ROOM_SECRET: SECRET,
        WAITING_ROOM_TICKET_TTL_SECONDS: String(TTL_S),
        WAITING_ROOM_PASS_SECONDS: '60',
        WAITING_ROOM_MAX_REFRESH_SECONDS: '5',
      },
    })
    staff = await staffToken(t)
  }, 120_000)
  afterAll(async () => {
    await t?.close()
  })

  test('tickets are admitted strictly in arrival order, at the configured rate', async () => {
    await setMode('on')
    const counted = async (m: { get: () => Promise<{ values: { value: number }[] }> }) =>
      (await m.get()).values.reduce((n, v) => n + v.value, 0)
    const [issuedBefore, admittedBefore] = [await counted(waitingRoomMetrics.ticketsIssued), await counted(waitingRoomMetrics.admitted)]
    const tickets: string[] = []
    const started = Date.now()
    for (let i = 0; i < 12; i++) {
      const v = await visit(`${t.url}/`, { ua: `arrival-${i}` })
      expect(queued(v)).toBe(true)
      expect(v.contentType).toMatch(/text\/html/)
      expect(Number(v.retryAfter)).toBeGreaterThanOrEqual(1)
      expect(v.body).toMatch(/<meta http-equiv="refresh" content="\d+;url=\/">/)
      tickets.push(v.ticket as string)
    }
    const seqs = tickets.map(seqOf)
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b))
    const admitted = new Map<number, string>()
    while (admitted.size < tickets.length && Date.now() - started < 15_000) {
      // latest arrivals ask first: a later ticket must never get in while an earlier one would still wait
      for (let i = tickets.length - 1; i >= 0; i--) {
        if (admitted.has(i)) continue
        const v = await visit(`${t.url}/`, { ticket: tickets[i] as string })
        if (v.status !== 200) {
          expect(queued(v)).toBe(true)
          continue
        }
        expect(v.pass).toBeDefined()
        // the home page is CDN-cacheable, but not the answer that carries a pass
        expect(v.cacheControl).toBe('private, no-store')
        admitted.set(i, v.pass as string)
        for (let j = 0; j < i; j++) {
          if (admitted.has(j)) continue
          const earlier = await visit(`${t.url}/`, { ticket: tickets[j] as string })
          expect([i, j, earlier.status]).toEqual([i, j, 200])
          admitted.set(j, earlier.pass as string)
        }
      }
      await sleep(50)
    }
    const elapsed = (Date.now() - started) / 1000
    expect(admitted.size).toBe(tickets.length)
    // 12 tickets at 5/s need at least (12 - cursor credit at the first ticket, at most 1) / 5 s
    expect(elapsed).toBeGreaterThanOrEqual((tickets.length - 1) / RATE)
    // the /metrics series count them
    expect((await counted(waitingRoomMetrics.ticketsIssued)) - issuedBefore).toBe(tickets.length)
    expect((await counted(waitingRoomMetrics.admitted)) - admittedBefore).toBe(tickets.length)
    expect((await waitingRoomMetrics.active.get()).values[0]?.value).toBe(1)
    // with a pass the store answers at once
    expect((await visit(`${t.url}/`, { pass: admitted.get(0) as string })).status).toBe(200)
  }, 30_000)

  const admittedShopper = async () => {
    const first = await visit(`${t.url}/`, { ua: 'replayer' })
    const ticket = first.ticket as string
    for (let i = 0; i < 100; i++) {
      const v = await visit(`${t.url}/`, { ticket })
      if (v.status === 200) return { ticket, pass: v.pass as string }
      await sleep(100)
    }
    throw new Error('never admitted')
  }

  test('a replayed ticket gets no access: it was spent on the first admission', async () => {
    await setMode('on')
    const { ticket, pass } = await admittedShopper()
    expect(pass).toMatch(/^p1\./)
    const replay = await visit(`${t.url}/`, { ticket })
    expect(queued(replay)).toBe(true)
    // a new place at the back, not the spent one
    expect(seqOf(replay.ticket as string)).toBeGreaterThan(seqOf(ticket))
    const replayApi = await visit(`${t.url}/store/carts/cart_nope/checkout`, { method: 'POST', header: ticket, body: {} })
    expect(replayApi.status).toBe(429)
  }, 20_000)

  test('a forged or expired ticket or pass gets no access', async () => {
    await setMode('on')
    const first = await visit(`${t.url}/`, { ua: 'forger' })
    const ticket = first.ticket as string
    const [, , issued, id, sig] = ticket.split('.')
    // jump to the front of the line by changing the number: the signature no longer matches
    const forged = [
      `q1.1.${issued}.${id}.${sig}`,
      'q1.1.1.aaaaaaaaaaaaaaaa.bad',
      signTicket('another-secret-another-secret-another-secret', { seq: 1, issuedAtMs: Date.now(), id: newTokenId() }),
    ]
    const expired = signTicket(SECRET, { seq: 1, issuedAtMs: Date.now() - TTL_S * 1000 - 1, id: newTokenId() })
    for (const bad of [...forged, expired]) {
      const v = await visit(`${t.url}/`, { ticket: bad })
      expect(queued(v)).toBe(true)
      expect(v.ticket).not.toBe(bad)
      expect(seqOf(v.ticket as string)).toBeGreaterThan(seqOf(ticket))
      const api = await visit(`${t.url}/store/carts/cart_nope/checkout`, { method: 'POST', header: bad, body: {} })
      expect(api.status).toBe(429)
    }
    const passes = [
      signPass(SECRET, { id: newTokenId(), expiresAtMs: Date.now() - 1 }),
      signPass('another-secret-another-secret-another-secret', { id: newTokenId(), expiresAtMs: Date.now() + 60_000 }),
      'p1.aaaaaaaaaaaaaaaa.99999999999999.forged',
    ]
    for (const bad of passes) expect(queued(await visit(`${t.url}/`, { pass: bad }))).toBe(true)
    // a genuine ticket with a valid number but already past its lifetime: refused even though its turn came
    expect(queued(await visit(`${t.url}/`, { ticket: expired }))).toBe(true)
  }, 20_000)

  test('checkout over the limit answers 429 queued with a token; presenting it later admits', async () => {
    await setMode('on')
    const url = `${t.url}/store/carts/cart_does_not_exist/checkout`
    const first = await visit(url, { method: 'POST', body: {} })
    expect(first.status).toBe(429)
    expect(Number(first.retryAfter)).toBeGreaterThanOrEqual(1)
    const body = JSON.parse(first.body)
    expect(body.error.code).toBe('queued')
    expect(body.error.details).toMatchObject({
      queue_token: expect.stringMatching(/^q1\./),
      position: expect.any(Number),
      estimated_wait_seconds: expect.any(Number),
    })
    expect(first.headerToken).toBe(body.error.details.queue_token)
    let answer = first
    for (let i = 0; i < 100 && answer.status === 429; i++) {
      await sleep(100)
      answer = await visit(url, { method: 'POST', header: body.error.details.queue_token, body: {} })
    }
    // past the waiting room: the checkout itself answers (this cart does not exist)
    expect(answer.status).not.toBe(429)
    expect(answer.status).toBeLessThan(500)
    expect(answer.headerPass).toMatch(/^p1\./)
    // the pass in the header keeps the app in
    const again = await visit(url, { method: 'POST', header: answer.headerPass as string, body: {} })
    expect(again.status).toBe(answer.status)
  }, 20_000)

  test('staff and health, admin and API docs are never queued', async () => {
    await setMode('on')
    expect((await visit(`${t.url}/`, { bearer: staff })).status).toBe(200)
    expect(queued(await visit(`${t.url}/`, { bearer: 'cst_not_a_real_token' }))).toBe(true)
    for (const path of ['/healthz', '/readyz', '/openapi.json', '/robots.txt'])
      expect([path, (await visit(`${t.url}${path}`)).status]).toEqual([path, 200])
    expect((await visit(`${t.url}/admin/waiting-room`, { bearer: staff })).status).toBe(200)
    // the catalog API is not queued in the default scope (checkout)
    expect((await visit(`${t.url}/store/products?limit=1`)).status).toBe(200)
  })

  test('staff switch it off and on; shoppers already at work when it turns on keep going', async () => {
    await setMode('off')
    expect((await visit(`${t.url}/`)).status).toBe(200)
    // a shopper adding to the cart while it is off gets a pass
    const working = await visit(`${t.url}/cart/items`, { method: 'POST', body: {} })
    expect(working.pass).toMatch(/^p1\./)
    await setMode('on')
    expect(queued(await visit(`${t.url}/`))).toBe(true)
    expect((await visit(`${t.url}/`, { pass: working.pass as string })).status).toBe(200)
  })

  test('back in auto mode below the thresholds it turns off once the line is empty', async () => {
    const s = await setMode('auto')
    expect(s.mode).toBe('auto')
    // earlier tests leave nobody waiting once their turn passed; wait for the line to drain
    for (
      let i = 0;
      i < 100 && (await (await fetch(`${t.url}/admin/waiting-room`, { headers: { authorization: `Bearer ${staff}` } })).json()).active;
      i++
    )
      await sleep(100)
    expect((await visit(`${t.url}/`, { ua: 'calm-shopper' })).status).toBe(200)
  }, 20_000)
})

describe.each(setups)('automatic activation (Redis: $redis)', ({ redis }) => {
  let t: TestApp
  let staff: string
  beforeAll(async () => {
    t = await startTestApp({
      redis,
      env: {
        WAITING_ROOM_MODE: 'auto',
        WAITING_ROOM_MAX_SHOPPERS: '8',
        WAITING_ROOM_COOLDOWN_SECONDS: '2',
        WAITING_ROOM_ADMIT_PER_SECOND: '20',
      },
    })
    staff = await staffToken(t)
  }, 120_000)
  afterAll(async () => {
    await t?.close()
  })
  const state = async () => (await fetch(`${t.url}/admin/waiting-room`, { headers: { authorization: `Bearer ${staff}` } })).json()

  test('on when the distinct recent shoppers reach the threshold (repeat visits count once); staff can switch it off at once', async () => {
    for (let i = 0; i < 7; i++) expect((await visit(`${t.url}/`, { ua: `shopper-${i}` })).status).toBe(200)
    await sleep(1500)
    expect((await state()).active).toBe(false)
    // the same shoppers again do not count twice
    for (let i = 0; i < 7; i++) await visit(`${t.url}/`, { ua: `shopper-${i}` })
    await sleep(1500)
    expect((await state()).active).toBe(false)
    // the eighth distinct one passes the threshold
    await visit(`${t.url}/`, { ua: 'shopper-7' })
    let s = await state()
    for (let i = 0; i < 40 && !s.active; i++) {
      await sleep(100)
      s = await state()
    }
    expect(s).toMatchObject({ active: true, over_thresholds: true, mode: 'auto' })
    expect(s.shoppers).toBeGreaterThanOrEqual(8)
    const newcomer = await visit(`${t.url}/`, { ua: 'newcomer' })
    expect(queued(newcomer)).toBe(true)
    // the shopper count stays over the threshold for the session window; staff can override at once
    const off = await fetch(`${t.url}/admin/waiting-room`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${staff}` },
      body: JSON.stringify({ mode: 'off' }),
    })
    expect((await off.json()).active).toBe(false)
    expect((await visit(`${t.url}/`, { ua: 'newcomer' })).status).toBe(200)
  }, 30_000)
})
