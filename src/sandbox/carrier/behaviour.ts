import { DEMO_TIMINGS, type WalkTimings } from './shipment-walk.ts'

/** What the sandbox carrier does besides its job: slowness, outages, the walk's pace, webhooks. */
export type Behaviour = {
  /** added to every carrier call */
  latencyMs: number
  /** probability (0..1) that a carrier call fails with 503 before doing anything */
  failureRate: number
  /** when set, `failureRate` draws from a PRNG seeded with it (a repeatable pattern) */
  seed: number | null
  /** the next N carrier calls fail with 503 before doing anything (then `failureRate` again) */
  failNext: number
  /** the next N carrier calls are carried out, but answered with 503 (a reply lost on the way) */
  dropNextReplies: number
  /** null: shipments move only when an admin advances them */
  timings: WalkTimings | null
  /** where tracking events are POSTed; null: no webhooks */
  webhookUrl: string | null
}

export const DEFAULT_BEHAVIOUR: Behaviour = {
  latencyMs: 0,
  failureRate: 0,
  seed: null,
  failNext: 0,
  dropNextReplies: 0,
  timings: DEMO_TIMINGS,
  webhookUrl: null,
}

/** mulberry32: a tiny, well-spread PRNG; the same seed gives the same sequence. */
export const seededRandom = (seed: number): (() => number) => {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const isCount = (v: unknown, max: number) => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= max
const isHttpUrl = (v: unknown) => typeof v === 'string' && /^https?:\/\/[^\s]+$/.test(v) && URL.canParse(v)
const TIMING_KEYS = ['labelCreatedMs', 'inTransitMs', 'outForDeliveryMs'] as const

const checkTimings = (t: unknown): string | null => {
  if (t === null || t === undefined) return null
  if (typeof t !== 'object' || Array.isArray(t)) return 'timings must be an object or null'
  for (const [k, v] of Object.entries(t)) {
    if (!(TIMING_KEYS as readonly string[]).includes(k)) return `timings.${k} is not a setting (${TIMING_KEYS.join(', ')})`
    if (!isCount(v, 86_400_000)) return `timings.${k} must be an integer from 0 to 86400000`
  }
  return null
}

/** Checks a (partial) behaviour; null when every given field is valid. */
export const checkBehaviour = (b: Record<string, unknown>): string | null => {
  const unknown = Object.keys(b).find((k) => !(k in DEFAULT_BEHAVIOUR))
  if (unknown) return `${unknown} is not a setting (${Object.keys(DEFAULT_BEHAVIOUR).join(', ')})`
  if (b.latencyMs !== undefined && !isCount(b.latencyMs, 600_000)) return 'latencyMs must be an integer from 0 to 600000'
  if (b.failureRate !== undefined && !(typeof b.failureRate === 'number' && b.failureRate >= 0 && b.failureRate <= 1))
    return 'failureRate must be from 0 to 1'
  if (b.seed !== undefined && b.seed !== null && !isCount(b.seed, 2 ** 32 - 1))
    return 'seed must be an integer from 0 to 4294967295, or null'
  if (b.failNext !== undefined && !isCount(b.failNext, 1_000_000)) return 'failNext must be an integer from 0 to 1000000'
  if (b.dropNextReplies !== undefined && !isCount(b.dropNextReplies, 1_000_000))
    return 'dropNextReplies must be an integer from 0 to 1000000'
  if (b.webhookUrl !== undefined && b.webhookUrl !== null && !isHttpUrl(b.webhookUrl)) return 'webhookUrl must be an http(s) URL, or null'
  return checkTimings(b.timings)
}

/**
 * The sandbox's current behaviour, changed at run time through POST /v1/admin/config. A partial
 * `timings` is merged into the current one; `seed` restarts the PRNG behind `failureRate`.
 */
export const createBehaviour = (initial: Partial<Behaviour>, random: () => number = Math.random) => {
  const current: Behaviour = { ...DEFAULT_BEHAVIOUR, ...initial }
  const problem = checkBehaviour(current)
  if (problem) throw new RangeError(`sandbox carrier: ${problem}`)
  let dice = current.seed === null ? random : seededRandom(current.seed)

  const update = (patch: Record<string, unknown>): string | null => {
    const problem = checkBehaviour(patch)
    if (problem) return problem
    const { timings, ...rest } = patch as Partial<Behaviour>
    Object.assign(current, rest)
    if (timings === null) current.timings = null
    else if (timings) current.timings = { ...(current.timings ?? DEMO_TIMINGS), ...timings }
    if ('seed' in patch) dice = current.seed === null ? random : seededRandom(current.seed)
    return null
  }

  return {
    current: (): Readonly<Behaviour> => current,
    update,
    /** rolled once per carrier call: true when it must fail before doing anything */
    failsNow: (): boolean => {
      if (current.failNext > 0) return current.failNext-- > 0
      return dice() < current.failureRate
    },
    /** true when this call's reply is to be lost (the effect stays) */
    dropsReply: (): boolean => current.dropNextReplies > 0 && current.dropNextReplies-- > 0,
  }
}
