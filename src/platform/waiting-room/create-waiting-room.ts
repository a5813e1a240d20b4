import { randomBytes } from 'node:crypto'
import type { Redis } from 'ioredis'
import { waitingRoomMetrics } from '../metrics/index.ts'
import { positionOf, refreshSecondsFor, waitSecondsFor } from './admission-arithmetic.ts'
import { type LoadMeter, localLoadMeter, redisLoadMeter } from './load-meter.ts'
import { newTokenId, signPass, signTicket, tokenKind, verifyPass, verifyTicket } from './queue-tokens.ts'
import { localQueueStore, type QueueStore } from './queue-store.ts'
import { redisQueueStore } from './redis-queue-store.ts'
import { decideActive, localRoomSwitch, overThresholds, type RoomMode, type RoomSwitch, redisRoomSwitch } from './room-switch.ts'

export type WaitingRoomOptions = {
  readonly mode: RoomMode
  readonly maxShoppers: number
  readonly maxRps: number
  readonly sessionWindowSeconds: number
  readonly cooldownSeconds: number
  readonly admitPerSecond: number
  readonly passSeconds: number
  readonly ticketTtlSeconds: number
  readonly maxRefreshSeconds: number
  /** HMAC key; undefined: random, shared through Redis when there is one */
  readonly secret?: string
}

export type RoomSnapshot = {
  readonly mode: RoomMode
  /** 'staff' when set at /admin/waiting-room, 'config' for WAITING_ROOM_MODE */
  readonly modeSource: 'staff' | 'config'
  readonly active: boolean
  readonly hot: boolean
  readonly shoppers: number
  readonly rps: number
  readonly waiting: number
  readonly lastIssued: number
  readonly admittedThrough: number
  readonly admitPerSecond: number
  readonly checkedAt: string | null
}

/** A place in line as shown to its holder. */
export type Place = { readonly token: string; readonly position: number; readonly waitSeconds: number; readonly refreshSeconds: number }

export type Entry =
  | { readonly kind: 'pass' }
  /** just let in from the line: hand the holder this pass */
  | { readonly kind: 'admitted'; readonly pass: string; readonly passId: string }
  | ({ readonly kind: 'queued'; readonly fresh: boolean } & Place)

export type WaitingRoom = {
  /** as of the last check (about once a second): no I/O */
  readonly current: () => RoomSnapshot
  readonly isActive: () => boolean
  /** decides for a shopper presenting these tokens (any may be absent) while the room is on */
  readonly enter: (tokens: readonly string[]) => Promise<Entry>
  /** a pass for a shopper already shopping (used while the room is off) */
  readonly issuePass: () => { readonly pass: string; readonly passId: string }
  /** the pass id if `token` is a valid pass with more than `minLeftMs` left */
  readonly validPass: (token: string | undefined, minLeftMs?: number) => string | null
  readonly recordShopper: (sessionKey: string) => void
  readonly setMode: (mode: RoomMode) => Promise<RoomSnapshot>
  /** reads load, mode and line, and decides on/off (the timer does this once a second) */
  readonly check: () => Promise<RoomSnapshot>
  readonly stop: () => void
  readonly passSeconds: number
  readonly ticketTtlSeconds: number
  readonly describe: string
}

export type WaitingRoomDeps = {
  readonly queue: QueueStore
  readonly meter: LoadMeter
  readonly roomSwitch: RoomSwitch
  /** the HMAC key (read at each use: it may change once, from a temporary to the shared one) */
  readonly secret: () => string
  /** runs before each check (fetching the shared key when it could not be read at start) */
  readonly beforeCheck?: () => Promise<void>
  readonly nowMs?: () => number
  readonly onError?: (e: unknown) => void
  /** check every `checkMs` (0: only when `check()` is called) */
  readonly checkMs?: number
}

/** The shared secret: the configured one, or one random key per Redis (set once, NX), or per process. */
export const resolveSecret = async (configured: string | undefined, redis: Redis | undefined, prefix: string): Promise<string> => {
  if (configured) return configured
  const fresh = randomBytes(32).toString('base64url')
  if (!redis) return fresh
  const key = `${prefix}wr:secret`
  await redis.set(key, fresh, 'NX')
  return (await redis.get(key)) ?? fresh
}

/**
 * The engines for this configuration: Redis when there is one, this process otherwise. Without a
 * configured secret and with Redis unreachable at start, a temporary key signs until the shared one
 * can be read (tickets signed with it are then refused: their holders get new ones).
 */
export const openWaitingRoom = async (
  o: WaitingRoomOptions & {
    readonly redis?: Redis
    readonly prefix: string
    readonly onError?: (e: unknown) => void
    readonly checkMs?: number
  },
): Promise<WaitingRoom> => {
  let secret = o.secret ?? randomBytes(32).toString('base64url')
  let shared = o.secret !== undefined || !o.redis
  const share = async () => {
    if (shared) return
    secret = await resolveSecret(undefined, o.redis, o.prefix)
    shared = true
  }
  await share().catch((e) => o.onError?.(e))
  return createWaitingRoom(
    {
      queue: o.redis
        ? redisQueueStore({ redis: o.redis, prefix: o.prefix, ratePerSecond: o.admitPerSecond })
        : localQueueStore({ ratePerSecond: o.admitPerSecond }),
      meter: o.redis
        ? redisLoadMeter({ redis: o.redis, prefix: o.prefix, windowSeconds: o.sessionWindowSeconds })
        : localLoadMeter({ windowSeconds: o.sessionWindowSeconds }),
      roomSwitch: o.redis ? redisRoomSwitch(o.redis, o.prefix) : localRoomSwitch(),
      secret: () => secret,
      beforeCheck: share,
      ...(o.onError && { onError: o.onError }),
      checkMs: o.checkMs ?? 1000,
    },
    o,
  )
}

/**
 * The waiting room: above the configured load (or switched on by staff) new shoppers get a signed
 * ticket with their place in line and are let in at `admitPerSecond`, strictly in order of arrival;
 * an admitted shopper holds a signed pass for `passSeconds`.
 */
export const createWaitingRoom = (d: WaitingRoomDeps, o: WaitingRoomOptions): WaitingRoom => {
  const now = d.nowMs ?? Date.now
  const ttlMs = o.ticketTtlSeconds * 1000
  let snapshot: RoomSnapshot = {
    mode: o.mode,
    modeSource: 'config',
    active: o.mode === 'on',
    hot: false,
    shoppers: 0,
    rps: 0,
    waiting: 0,
    lastIssued: 0,
    admittedThrough: 0,
    admitPerSecond: o.admitPerSecond,
    checkedAt: null,
  }
  waitingRoomMetrics.admissionRateLimit.set(o.admitPerSecond)

  const placeOf = (token: string, seq: number, cursor: number): Place => {
    const waitSeconds = waitSecondsFor(seq, cursor, o.admitPerSecond)
    return { token, position: positionOf(seq, cursor), waitSeconds, refreshSeconds: refreshSecondsFor(waitSeconds, o.maxRefreshSeconds) }
  }

  const issuePass = (id = newTokenId()) => ({ pass: signPass(d.secret(), { id, expiresAtMs: now() + o.passSeconds * 1000 }), passId: id })

  const newTicket = async (): Promise<Entry> => {
    const { seq, cursor } = await d.queue.issue()
    waitingRoomMetrics.ticketsIssued.inc()
    const token = signTicket(d.secret(), { seq, issuedAtMs: now(), id: newTokenId() })
    return { kind: 'queued', fresh: true, ...placeOf(token, seq, cursor) }
  }

  const validPass: WaitingRoom['validPass'] = (token, minLeftMs = 0) => {
    if (!token || tokenKind(token) !== 'pass') return null
    const p = verifyPass(d.secret(), token, now())
    return p.ok && p.value.expiresAtMs - now() > minLeftMs ? p.value.id : null
  }

  const enter: WaitingRoom['enter'] = async (tokens) => {
    if (tokens.some((t) => validPass(t) !== null)) return { kind: 'pass' }
    for (const token of tokens) {
      if (tokenKind(token) !== 'ticket') continue
      const t = verifyTicket(d.secret(), token, now(), ttlMs)
      if (!t.ok) continue
      const r = await d.queue.admit(t.value.seq, t.value.id, o.ticketTtlSeconds)
      if (r.kind === 'admitted') {
        waitingRoomMetrics.admitted.inc()
        waitingRoomMetrics.waitSeconds.observe(Math.max(0, now() - t.value.issuedAtMs) / 1000)
        return { kind: 'admitted', ...issuePass(t.value.id) }
      }
      if (r.kind === 'waiting') return { kind: 'queued', fresh: false, ...placeOf(token, t.value.seq, r.cursor) }
      // replayed or from a reset line: no access with it; a new place at the back
    }
    return newTicket()
  }

  const check = async (): Promise<RoomSnapshot> => {
    await d.beforeCheck?.()
    const [load, staffMode, line] = await Promise.all([d.meter.read(), d.roomSwitch.readMode(), d.queue.status()])
    if (overThresholds(load, o)) await d.roomSwitch.markHot(Math.max(1000, o.cooldownSeconds * 1000))
    const hot = await d.roomSwitch.isHot()
    const mode = staffMode ?? o.mode
    const waiting = Math.max(0, line.lastIssued - Math.floor(line.cursor))
    snapshot = {
      mode,
      modeSource: staffMode ? 'staff' : 'config',
      active: decideActive({ mode, hot, waiting }),
      hot,
      shoppers: load.shoppers,
      rps: load.rps,
      waiting,
      lastIssued: line.lastIssued,
      admittedThrough: Math.floor(line.cursor),
      admitPerSecond: o.admitPerSecond,
      checkedAt: new Date(now()).toISOString(),
    }
    waitingRoomMetrics.queueLength.set(waiting)
    waitingRoomMetrics.active.set(snapshot.active ? 1 : 0)
    return snapshot
  }

  let running = false
  const timer =
    d.checkMs && d.checkMs > 0
      ? setInterval(() => {
          if (running) return
          running = true
          check()
            .catch((e) => d.onError?.(e))
            .finally(() => {
              running = false
            })
        }, d.checkMs)
      : undefined
  timer?.unref()

  return {
    current: () => snapshot,
    isActive: () => snapshot.active,
    enter,
    issuePass: () => issuePass(),
    validPass,
    recordShopper: d.meter.record,
    setMode: async (mode) => {
      await d.roomSwitch.writeMode(mode)
      return check()
    },
    check,
    stop: () => clearInterval(timer),
    passSeconds: o.passSeconds,
    ticketTtlSeconds: o.ticketTtlSeconds,
    describe: d.queue.describe,
  }
}
