/**
 * Timestamps for the ledger that never repeat for one order within this process: two calls of
 * one order in the same millisecond (a skip then a success) still read back in the order they
 * happened. Only orders seen recently are remembered (`keep`), so memory stays bounded and the
 * time is never pushed ahead by more than a few milliseconds.
 */
export const createLedgerClock = (now: () => Date, keep = 10_000): ((orderId: string) => Date) => {
  const last = new Map<string, number>()
  return (orderId) => {
    const t = Math.max(now().getTime(), (last.get(orderId) ?? Number.NEGATIVE_INFINITY) + 1)
    last.delete(orderId)
    last.set(orderId, t)
    if (last.size > keep) {
      const oldest = last.keys().next()
      if (!oldest.done) last.delete(oldest.value)
    }
    return new Date(t)
  }
}
