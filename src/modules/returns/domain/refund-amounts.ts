/**
 * What returned units are worth: the money the shopper paid for the goods (order total less
 * shipping, so with tax and after discounts) spread over the lines by their value, then over each
 * line's units. Shares are whole minor units: the largest-remainder method gives every line its
 * share so that they add up to exactly the goods total, and a line's units are cut cumulatively, so
 * returning every unit, in any number of returns, refunds exactly what was paid for the goods.
 * Shipping is not refunded.
 */
export type PricedLine = { readonly id: string; readonly quantity: number; readonly total: number }

export type OrderMoney = { readonly total: number; readonly shippingTotal: number; readonly lines: readonly PricedLine[] }

/** Each line's share of the goods total (total − shipping), summing to it exactly. */
export const lineShares = (o: OrderMoney): ReadonlyMap<string, number> => {
  const goods = Math.max(0, o.total - o.shippingTotal)
  const value = o.lines.reduce((s, l) => s + l.total, 0)
  if (value <= 0) return new Map(o.lines.map((l) => [l.id, 0]))
  // BigInt: goods × line value may pass 2^53 for large orders
  const exact = o.lines.map((l) => {
    const product = BigInt(goods) * BigInt(Math.max(0, l.total))
    return { id: l.id, floor: Number(product / BigInt(value)), rest: Number(product % BigInt(value)) }
  })
  let left = goods - exact.reduce((s, e) => s + e.floor, 0)
  const byRest = [...exact].sort((a, b) => b.rest - a.rest || a.id.localeCompare(b.id))
  const extra = new Set<string>()
  for (const e of byRest) {
    if (left <= 0) break
    extra.add(e.id)
    left--
  }
  return new Map(exact.map((e) => [e.id, e.floor + (extra.has(e.id) ? 1 : 0)]))
}

/**
 * The refund for `quantity` more units of a line whose `alreadyReturned` units were returned
 * before: the cumulative share after, less the cumulative share before.
 */
export const unitsRefund = (
  line: { readonly share: number; readonly quantity: number },
  alreadyReturned: number,
  quantity: number,
): number => {
  if (line.quantity <= 0 || quantity <= 0) return 0
  const upTo = (n: number) => Number((BigInt(line.share) * BigInt(Math.min(n, line.quantity))) / BigInt(line.quantity))
  return upTo(alreadyReturned + quantity) - upTo(alreadyReturned)
}
