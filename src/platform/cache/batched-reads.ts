/**
 * Many concurrent `read(keys)` calls made in the same turn of the event loop become one
 * `readMany(uniqueKeys)` call, sent from `setImmediate`, after every request that arrived in that
 * turn has asked. Each caller still gets an answer read after it asked, never an older one: a read
 * already sent is never shared with a later caller. Used for the cache's tag versions, one Redis
 * `MGET` per turn instead of one per request (docs/caching.md).
 */
export const batchedReads = <V>(readMany: (keys: readonly string[]) => Promise<readonly V[]>) => {
  type Waiter = { readonly keys: readonly string[]; readonly resolve: (v: readonly V[]) => void; readonly reject: (e: unknown) => void }
  let waiting: Waiter[] = []

  const flush = () => {
    const batch = waiting
    waiting = []
    const unique = [...new Set(batch.flatMap((w) => w.keys))]
    readMany(unique).then(
      (values) => {
        const byKey = new Map(unique.map((k, i) => [k, values[i] as V]))
        for (const w of batch) w.resolve(w.keys.map((k) => byKey.get(k) as V))
      },
      (e: unknown) => {
        for (const w of batch) w.reject(e)
      },
    )
  }

  return (keys: readonly string[]): Promise<readonly V[]> =>
    new Promise((resolve, reject) => {
      if (waiting.length === 0) setImmediate(flush)
      waiting.push({ keys, resolve, reject })
    })
}
