import { LRUCache } from 'lru-cache'
import { lockMsFor } from '../domain/throttle-delay.ts'
import type { LoginThrottle } from './login-throttle.ts'

type Entry = { failures: number; expiresAt: number; lockedUntil: number }

/** In this process only (the embedded default): bounded, oldest keys dropped first. */
export const localThrottle = (o: { readonly now?: () => number; readonly maxKeys?: number } = {}): LoginThrottle => {
  const now = o.now ?? (() => Date.now())
  const entries = new LRUCache<string, Entry>({ max: o.maxKeys ?? 100_000 })
  const live = (key: string, t: number): Entry | undefined => {
    const e = entries.get(key)
    if (e && e.expiresAt <= t && e.lockedUntil <= t) {
      entries.delete(key)
      return undefined
    }
    return e
  }
  return {
    lockedForMs: async (keys) => {
      const t = now()
      return Math.max(0, ...keys.map((k) => (live(k, t)?.lockedUntil ?? 0) - t))
    },
    recordFailure: async (keys) => {
      const t = now()
      return keys.map(({ key, rule }) => {
        const prev = live(key, t)
        const failures = (prev && prev.expiresAt > t ? prev.failures : 0) + 1
        const lockMs = lockMsFor(failures, rule)
        entries.set(key, { failures, expiresAt: t + rule.windowMs, lockedUntil: lockMs > 0 ? t + lockMs : (prev?.lockedUntil ?? 0) })
        return { failures, lockMs }
      })
    },
    clear: async (key) => {
      entries.delete(key)
    },
  }
}
