import type { HttpClient } from './http-client.ts'
import type { CatalogVariant } from './read-catalog.ts'

/** Names a waiting-room length gauge may carry in the target's /metrics (the first found wins). */
const WAITING_ROOM_GAUGES = [
  'crest_waiting_room_length',
  'crest_waiting_room_size',
  'crest_waiting_room_queue_length',
  'crest_waiting_room_waiting',
]

/**
 * The waiting-room length from Prometheus text: the sum of the gauge's samples over its labels;
 * null when no such gauge is exposed.
 */
export const waitingRoomFromMetrics = (text: string): number | null => {
  for (const name of WAITING_ROOM_GAUGES) {
    let found = false
    let sum = 0
    for (const line of text.split('\n')) {
      if (!line.startsWith(name) || (line[name.length] !== ' ' && line[name.length] !== '{')) continue
      const rest = line.slice(name.length)
      const value = Number((rest.startsWith('{') ? rest.slice(rest.lastIndexOf('}') + 1) : rest).trim().split(/\s+/)[0])
      if (Number.isFinite(value)) {
        found = true
        sum += value
      }
    }
    if (found) return sum
  }
  return null
}

export const readWaitingRoom = async (http: HttpClient): Promise<number | null> => {
  const r = await http.send('GET', '/metrics', undefined, { accept: 'text/plain' })
  return r.status === 200 && typeof r.body === 'string' ? waitingRoomFromMetrics(r.body) : null
}

/** Stock left, exact: on hand − reserved over every location, from the admin API (needs a staff token or API key). */
const readInventory = async (http: HttpClient, adminToken: string, variants: readonly CatalogVariant[]): Promise<number | null> => {
  let sum = 0
  for (const v of variants) {
    const r = await http.send('GET', `/admin/inventory/${encodeURIComponent(v.id)}`, undefined, { authorization: `Bearer ${adminToken}` })
    if (r.status !== 200) return null
    for (const l of (r.body as { levels: { on_hand: number; reserved: number }[] }).levels) sum += l.on_hand - l.reserved
  }
  return sum
}

/**
 * Stock left over the variants: exact from the admin API with a token; else `available` as the
 * store API shows it on each product page (cached above STOCK_EXACT_BELOW, so it may lag).
 */
export const readStock = async (http: HttpClient, variants: readonly CatalogVariant[], adminToken?: string): Promise<number | null> => {
  if (adminToken) return readInventory(http, adminToken, variants)
  const byHandle = new Map<string, Set<string>>()
  for (const v of variants) byHandle.set(v.handle, (byHandle.get(v.handle) ?? new Set()).add(v.id))
  let sum = 0
  for (const [handle, ids] of byHandle) {
    const r = await http.send('GET', `/store/products/${encodeURIComponent(handle)}`)
    if (r.status !== 200) return null
    const p = (r.body as { product: { variants: { id: string; available: number }[] } }).product
    for (const v of p.variants) if (ids.has(v.id)) sum += v.available
  }
  return sum
}
