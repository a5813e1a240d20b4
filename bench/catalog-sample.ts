// What the bench learns from the running API before the load starts: real handles and titles.

type ProductPage = { products: { handle: string; title: string }[]; next_cursor: string | null }

const getJson = async <T>(url: string): Promise<T> => {
  const r = await fetch(url, { signal: AbortSignal.timeout(30_000) })
  if (r.status !== 200) throw new Error(`GET ${url} answered ${r.status}: ${(await r.text()).slice(0, 300)}`)
  return (await r.json()) as T
}

export type CatalogSample = { readonly handles: readonly string[]; readonly titles: readonly string[] }

/** Pages through the whole store listing (100 a page, bounded) and keeps every title plus ~`handleCount` spread-out handles. */
export const sampleCatalog = async (baseUrl: string, handleCount = 200, maxPages = 200): Promise<CatalogSample> => {
  const all: { handle: string; title: string }[] = []
  let cursor: string | null = null
  for (let page = 0; page < maxPages; page++) {
    const url = `${baseUrl}/store/products?limit=100&sort=newest${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`
    const body: ProductPage = await getJson<ProductPage>(url)
    all.push(...body.products.map((p) => ({ handle: p.handle, title: p.title })))
    cursor = body.next_cursor
    if (!cursor) break
  }
  if (all.length === 0) throw new Error('the store lists no products: did the seed run?')
  const step = Math.max(1, all.length / handleCount)
  const handles: string[] = []
  for (let i = 0; i < all.length && handles.length < handleCount; i += step) handles.push((all[Math.floor(i)] as { handle: string }).handle)
  return { handles, titles: all.map((p) => p.title) }
}

/** Requests every path once, a few at a time, so the measured run starts with them cached. */
export const prime = async (baseUrl: string, paths: readonly string[], concurrency = 8): Promise<{ status: Record<number, number> }> => {
  const status: Record<number, number> = {}
  let next = 0
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < paths.length) {
        const path = paths[next++] as string
        const r = await fetch(`${baseUrl}${path}`, { signal: AbortSignal.timeout(30_000) })
        await r.arrayBuffer()
        status[r.status] = (status[r.status] ?? 0) + 1
      }
    }),
  )
  return { status }
}

/** The status a single GET answers (used to tell whether an optional page exists yet). */
export const probe = async (url: string): Promise<number> => {
  const r = await fetch(url, { signal: AbortSignal.timeout(30_000) })
  await r.arrayBuffer()
  return r.status
}
