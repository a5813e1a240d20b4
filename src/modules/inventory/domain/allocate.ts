import { err, ok, type Result } from '../../../platform/result.ts'

export type FreeStock = { readonly variantId: string; readonly locationId: string; readonly free: number }
export type Line = { readonly variantId: string; readonly quantity: number }
export type Pick = { readonly variantId: string; readonly locationId: string; readonly quantity: number }
export type Shortfall = { readonly variant_id: string; readonly requested: number; readonly available: number }

/**
 * Allocation policy: a single location that can serve the whole order first (fewer parcels), the
 * one with most free units overall on a tie; otherwise each line is filled from its fullest
 * locations. Returns the variants that cannot be served instead of over-allocating.
 */
export const allocate = (lines: readonly Line[], stock: readonly FreeStock[]): Result<Pick[], Shortfall[]> => {
  const need = new Map<string, number>()
  for (const l of lines) need.set(l.variantId, (need.get(l.variantId) ?? 0) + l.quantity)
  const freeAt = (v: string, loc: string) => stock.find((s) => s.variantId === v && s.locationId === loc)?.free ?? 0

  const locations = [...new Set(stock.map((s) => s.locationId))]
  const whole = locations
    .filter((loc) => [...need].every(([v, q]) => freeAt(v, loc) >= q))
    .sort((a, b) => totalFree(stock, b) - totalFree(stock, a) || a.localeCompare(b))[0]
  if (whole) return ok([...need].map(([variantId, quantity]) => ({ variantId, locationId: whole, quantity })))

  const picks: Pick[] = []
  const short: Shortfall[] = []
  for (const [variantId, quantity] of need) {
    const options = stock
      .filter((s) => s.variantId === variantId && s.free > 0)
      .sort((a, b) => b.free - a.free || a.locationId.localeCompare(b.locationId))
    const available = options.reduce((n, s) => n + s.free, 0)
    if (available < quantity) {
      short.push({ variant_id: variantId, requested: quantity, available: Math.max(0, available) })
      continue
    }
    let left = quantity
    for (const s of options) {
      const take = Math.min(left, s.free)
      if (take > 0) picks.push({ variantId, locationId: s.locationId, quantity: take })
      left -= take
      if (left === 0) break
    }
  }
  return short.length ? err(short) : ok(picks)
}

const totalFree = (stock: readonly FreeStock[], loc: string) =>
  stock.filter((s) => s.locationId === loc).reduce((n, s) => n + Math.max(0, s.free), 0)
