/**
 * A fixed-window counter per key (the client's address), in this process: enough to make guessing
 * order numbers and e-mail addresses slow. Behind several processes each one counts on its own.
 */
export const createLookupLimiter = (o: { readonly max: number; readonly windowMs: number; readonly now?: () => number }) => {
  const now = o.now ?? (() => Date.now())
  const windows = new Map<string, { start: number; count: number }>()
  return {
    /** counts an attempt; the seconds to wait when over the limit, else 0 */
    take: (key: string): number => {
      const t = now()
      if (windows.size > 10_000) for (const [k, w] of windows) if (t - w.start >= o.windowMs) windows.delete(k)
      const w = windows.get(key)
      if (!w || t - w.start >= o.windowMs) {
        windows.set(key, { start: t, count: 1 })
        return 0
      }
      w.count++
      return w.count > o.max ? Math.max(1, Math.ceil((w.start + o.windowMs - t) / 1000)) : 0
    },
  }
}
