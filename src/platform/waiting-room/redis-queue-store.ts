import type { Redis } from 'ioredis'
import type { AdmitOutcome, QueueStore } from './queue-store.ts'

/**
 * The line shared by every process through Redis. Each call is one Lua script, so it is atomic:
 * the cursor is advanced on Redis's own clock (TIME, one clock for every process) with the same
 * arithmetic as admission-arithmetic.ts; INCR hands out ticket numbers; a spent ticket's id is a
 * key set NX with a TTL, so a ticket lets its holder in once.
 */
const ADVANCE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local h = redis.call('HMGET', KEYS[1], 'seq', 'cursor', 'at')
local seq = tonumber(h[1]) or 0
local cursor = tonumber(h[2]) or 0
local at = tonumber(h[3]) or now
local rate = tonumber(ARGV[1])
if now > at then
  cursor = math.max(cursor, math.min(seq, cursor + rate * (now - at) / 1000))
  at = now
end
`

const ISSUE = `${ADVANCE}
seq = redis.call('HINCRBY', KEYS[1], 'seq', 1)
redis.call('HSET', KEYS[1], 'cursor', string.format('%.17g', cursor), 'at', string.format('%d', at))
return {tostring(seq), string.format('%.17g', cursor)}`

const ADMIT = `${ADVANCE}
redis.call('HSET', KEYS[1], 'cursor', string.format('%.17g', cursor), 'at', string.format('%d', at))
local c = string.format('%.17g', cursor)
local want = tonumber(ARGV[2])
if want > seq then return {'unknown', c} end
if want > math.floor(cursor) then return {'waiting', c} end
if redis.call('SET', KEYS[2], '1', 'NX', 'EX', tonumber(ARGV[3])) then return {'admitted', c} end
return {'replayed', c}`

const STATUS = `${ADVANCE}
redis.call('HSET', KEYS[1], 'cursor', string.format('%.17g', cursor), 'at', string.format('%d', at))
return {tostring(seq), string.format('%.17g', cursor)}`

const KINDS = new Set(['admitted', 'waiting', 'replayed', 'unknown'])

export const redisQueueStore = (o: { readonly redis: Redis; readonly prefix: string; readonly ratePerSecond: number }): QueueStore => {
  const line = `${o.prefix}wr:line`
  const rate = String(o.ratePerSecond)
  return {
    describe: 'redis',
    issue: async () => {
      const [seq, cursor] = (await o.redis.eval(ISSUE, 1, line, rate)) as [string, string]
      return { seq: Number(seq), cursor: Number(cursor) }
    },
    admit: async (seq, id, usedTtlSeconds) => {
      const [kind, cursor] = (await o.redis.eval(
        ADMIT,
        2,
        line,
        `${o.prefix}wr:used:${id}`,
        rate,
        String(seq),
        String(usedTtlSeconds),
      )) as [string, string]
      if (!KINDS.has(kind)) throw new Error(`waiting room: unexpected answer ${kind}`)
      return { kind, cursor: Number(cursor) } as AdmitOutcome
    },
    status: async () => {
      const [seq, cursor] = (await o.redis.eval(STATUS, 1, line, rate)) as [string, string]
      return { lastIssued: Number(seq), cursor: Number(cursor) }
    },
  }
}
