/**
 * Units ordered per variant through this process, to know the current top sellers without a
 * query. Bounded: past `max` variants the slower half is forgotten; every `halfLifeOrders` orders
 * all counts halve, so "top" means "selling lately", not "since the process started".
 */
export type SalesTally = {
  readonly record: (lines: readonly { readonly variantId: string; readonly quantity: number }[]) => void
  readonly top: (n: number) => string[]
}

export const createSalesTally = (o: { readonly max?: number; readonly halfLifeOrders?: number } = {}): SalesTally => {
  const max = o.max ?? 1000
  const halfLife = o.halfLifeOrders ?? 5000
  let units = new Map<string, number>()
  let orders = 0
  const ranked = () => [...units.entries()].sort((a, b) => b[1] - a[1])
  return {
    record: (lines) => {
      for (const l of lines) units.set(l.variantId, (units.get(l.variantId) ?? 0) + l.quantity)
      if (++orders % halfLife === 0) for (const [k, v] of units) units.set(k, v / 2)
      if (units.size > max) units = new Map(ranked().slice(0, Math.floor(max / 2)))
    },
    top: (n) =>
      ranked()
        .slice(0, n)
        .map(([k]) => k),
  }
}

/** This process's tally (the checkout wiring records into it; the top-seller stock gauge reads it). */
export const processSales: SalesTally = createSalesTally()
