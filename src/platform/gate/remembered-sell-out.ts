import type { AdmissionGate } from './admission-gate.ts'

/**
 * The gate, remembering for `ttlMs` that a sale had no unit left: past the last unit, the
 * thousands of "sold out" answers a second cost no call to Redis, only the first one each
 * `ttlMs`. A unit given back, or a sale opened or closed, through this process is seen at once;
 * through another process, within `ttlMs` (until then a buyer may hear "sold out" for a unit just
 * given back: the gate only ever admits fewer than the stock, never more). Decision 0008.
 */
export const rememberSellOut = (gate: AdmissionGate, o: { readonly ttlMs: number; readonly now?: () => number }): AdmissionGate => {
  const now = o.now ?? (() => performance.now())
  const soldOutUntil = new Map<string, number>()
  const soldOut = (key: string) => {
    const until = soldOutUntil.get(key)
    if (until === undefined) return false
    if (until > now()) return true
    soldOutUntil.delete(key)
    return false
  }
  const remember = (key: string) => soldOutUntil.set(key, now() + o.ttlMs)
  return {
    ...gate,
    open: async (key, units) => {
      soldOutUntil.delete(key)
      await gate.open(key, units)
    },
    close: async (key) => {
      soldOutUntil.delete(key)
      await gate.close(key)
    },
    admit: async (key, units) => {
      if (soldOut(key)) return 'sold_out'
      const decision = await gate.admit(key, units)
      // refused one unit: none left (refused more than one: some may be left for a smaller basket)
      if (decision === 'sold_out' && units === 1) remember(key)
      return decision
    },
    giveBack: async (key, units) => {
      soldOutUntil.delete(key)
      await gate.giveBack(key, units)
    },
    remaining: async (key) => {
      if (soldOut(key)) return 0
      const left = await gate.remaining(key)
      if (left !== null && left <= 0) remember(key)
      return left
    },
  }
}
