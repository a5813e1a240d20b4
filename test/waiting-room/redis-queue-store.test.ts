import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { openWaitingRoom, resolveSecret } from '../../src/platform/waiting-room/create-waiting-room.ts'
import { localQueueStore, type QueueStore } from '../../src/platform/waiting-room/queue-store.ts'
import { redisQueueStore } from '../../src/platform/waiting-room/redis-queue-store.ts'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** The line on real Redis, three connections standing in for three processes. */
describe.skipIf(!process.env.REDIS_URL)('the line on Redis', () => {
  const clients: Redis[] = []
  beforeAll(() => {
    for (let i = 0; i < 3; i++) clients.push(new Redis(process.env.REDIS_URL as string))
  })
  afterAll(() => {
    for (const c of clients) c.disconnect()
  })
  const lines = (rate: number): QueueStore[] => {
    const prefix = `crest-wr-test:${randomBytes(6).toString('hex')}:`
    return clients.map((redis) => redisQueueStore({ redis, prefix, ratePerSecond: rate }))
  }

  test('ticket numbers from three connections at once are 1…n, each once', async () => {
    const ls = lines(1)
    const seqs = await Promise.all(Array.from({ length: 300 }, (_, i) => (ls[i % 3] as QueueStore).issue().then((r) => r.seq)))
    expect(seqs.sort((a, b) => a - b)).toEqual(Array.from({ length: 300 }, (_, i) => i + 1))
  })

  test('a ticket presented at three processes at once lets one in; the others are replays', async () => {
    const ls = lines(100)
    const { seq } = await (ls[0] as QueueStore).issue()
    await sleep(50)
    const outcomes = await Promise.all(ls.map((l) => l.admit(seq, 'one-ticket-id-abcdef', 60)))
    expect(outcomes.map((o) => o.kind).sort()).toEqual(['admitted', 'replayed', 'replayed'])
  })

  test('unknown and waiting tickets', async () => {
    const ls = lines(0.5)
    const { seq } = await (ls[0] as QueueStore).issue()
    expect((await (ls[1] as QueueStore).admit(seq, 'some-ticket-id-abcdef', 60)).kind).toBe('waiting')
    expect((await (ls[2] as QueueStore).admit(seq + 1, 'other-ticket-id-abcdef', 60)).kind).toBe('unknown')
  })

  test('three connections admitting as fast as they can let in the rate overall; the Lua cursor matches the in-process arithmetic', async () => {
    const RATE = 20
    const ls = lines(RATE)
    const local = localQueueStore({ ratePerSecond: RATE })
    for (let i = 0; i < 200; i++) {
      await (ls[i % 3] as QueueStore).issue()
      await local.issue()
    }
    const start = Date.now()
    const admitted = new Set<number>()
    let next = 1
    while (Date.now() - start < 2000) {
      // each connection asks for the next ticket not yet in
      const tries = await Promise.all(
        ls.map((l, k) => l.admit(next + k, `ticket-id-${String(next + k).padStart(8, '0')}`, 60).then((r) => ({ r, seq: next + k }))),
      )
      for (const { r, seq } of tries) if (r.kind === 'admitted') admitted.add(seq)
      while (admitted.has(next)) next++
      await sleep(5)
    }
    const elapsed = (Date.now() - start) / 1000
    const status = await (ls[0] as QueueStore).status()
    const localStatus = await local.status()
    // the cursor started with the first issue, just before `start`: at most RATE × elapsed (+ the issuing time)
    expect(admitted.size).toBeLessThanOrEqual(Math.floor(RATE * (elapsed + 0.5)) + 1)
    expect(admitted.size).toBeGreaterThanOrEqual(Math.floor(RATE * (elapsed - 0.2)) - 1)
    expect([...admitted].sort((a, b) => a - b)).toEqual(Array.from({ length: admitted.size }, (_, i) => i + 1))
    // the same arithmetic on Redis's clock and this process's: within a few tickets
    expect(Math.abs(status.cursor - localStatus.cursor)).toBeLessThan(RATE * 0.2)
  })
})

describe.skipIf(!process.env.REDIS_URL)('the signing key without WAITING_ROOM_SECRET', () => {
  test('every process reads the same random key from Redis', async () => {
    const a = new Redis(process.env.REDIS_URL as string)
    const b = new Redis(process.env.REDIS_URL as string)
    const prefix = `crest-wr-test:${randomBytes(6).toString('hex')}:`
    try {
      const [x, y] = await Promise.all([resolveSecret(undefined, a, prefix), resolveSecret(undefined, b, prefix)])
      expect(x).toBe(y)
      expect(x.length).toBeGreaterThanOrEqual(32)
      expect(await resolveSecret('configured-configured-configured-1', a, prefix)).toBe('configured-configured-configured-1')
    } finally {
      a.disconnect()
      b.disconnect()
    }
  })

  test('Redis unreachable at start: the room still opens, with a temporary key', async () => {
    const dead = new Redis('redis://127.0.0.1:1', {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    })
    dead.on('error', () => {})
    const errors: unknown[] = []
    const room = await openWaitingRoom({
      mode: 'on',
      maxShoppers: 0,
      maxRps: 0,
      sessionWindowSeconds: 60,
      cooldownSeconds: 60,
      admitPerSecond: 1,
      passSeconds: 60,
      ticketTtlSeconds: 60,
      maxRefreshSeconds: 5,
      redis: dead,
      prefix: 'x:',
      checkMs: 0,
      onError: (e) => errors.push(e),
    })
    try {
      expect(errors.length).toBe(1)
      expect(room.validPass(room.issuePass().pass)).not.toBeNull()
      await expect(room.enter([])).rejects.toThrow()
    } finally {
      room.stop()
      dead.disconnect()
    }
  })
})
