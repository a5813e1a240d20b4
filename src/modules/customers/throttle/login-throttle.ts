import type { ThrottleRule } from '../domain/throttle-delay.ts'

/** One counted key (an account's e-mail hash, a client address) and how it is throttled. */
export type ThrottleKey = { readonly key: string; readonly rule: ThrottleRule }

/**
 * Failed sign-in counters with growing locks, shared by every process through Redis when it is
 * configured (redis-throttle.ts), in this process otherwise (local-throttle.ts).
 */
export type LoginThrottle = {
  /** milliseconds until every key may try again; 0 when none is locked */
  readonly lockedForMs: (keys: readonly string[]) => Promise<number>
  /** counts one failure per key; per key: failures so far in the window and the lock it now has */
  readonly recordFailure: (keys: readonly ThrottleKey[]) => Promise<{ readonly failures: number; readonly lockMs: number }[]>
  /** forgets a key (a successful sign-in clears its account's count) */
  readonly clear: (key: string) => Promise<void>
}
