/**
 * A small in-process cache of looked-up values with a time to live and a size cap (keys come from
 * shoppers' addresses, so the oldest entry goes when it is full). Concurrent first lookups of a key
 * share one query; a failed lookup is not remembered.
 */
export const createTtlMemo = <T>(o: {
  readonly now: () => number
  readonly ttlMs: number
  readonly max?: number
  readonly load: (key: string) => PromiseLike<T>
}) => {
  const max = o.max ?? 1000
  const entries = new Map<string, { readonly at: number; readonly value: Promise<T> }>()
  return {
    get: (key: string): Promise<T> => {
      const now = o.now()
      const hit = entries.get(key)
      if (hit && now - hit.at < o.ttlMs) return hit.value
      // a real promise, run once: a lazy thenable (a drizzle query) would run again for every caller that awaits it
      const value = Promise.resolve(o.load(key))
      entries.delete(key)
      if (entries.size >= max) entries.delete(entries.keys().next().value as string)
      entries.set(key, { at: now, value })
      value.catch(() => entries.get(key)?.value === value && entries.delete(key))
      return value
    },
    clear: () => entries.clear(),
    size: () => entries.size,
  }
}
