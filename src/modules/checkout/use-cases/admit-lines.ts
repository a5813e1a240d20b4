import type { CheckoutDeps } from '../deps.ts'
import { gateKey } from '../deps.ts'

let cache: { at: number; keys: Set<string> } = { at: 0, keys: new Set() }
const REFRESH_MS = 1000

/** Variants in a flash sale, refreshed at most once a second so ordinary checkouts pay nothing. */
const gatedVariants = async (d: CheckoutDeps): Promise<Set<string>> => {
  const now = Date.now()
  if (now - cache.at > REFRESH_MS) cache = { at: now, keys: new Set(await d.gate.gatedKeys()) }
  return cache.keys
}

export const forgetGatedCache = () => {
  cache = { at: 0, keys: new Set() }
}

/**
 * Asks the hot-SKU gate for every flash-sale line. All or nothing: if one line is sold out, the
 * units admitted for the others go back. Returns the admitted variant ids, or the sold-out ones.
 */
export const admitLines = async (
  d: CheckoutDeps,
  lines: readonly { variantId: string; quantity: number }[],
): Promise<{ ok: true; gated: string[] } | { ok: false; soldOut: { variantId: string; quantity: number }[] }> => {
  const gated = await gatedVariants(d)
  const admitted: { variantId: string; quantity: number }[] = []
  for (const l of lines) {
    if (!gated.has(gateKey(l.variantId))) continue
    const a = await d.gate.admit(gateKey(l.variantId), l.quantity)
    if (a === 'sold_out') {
      for (const x of admitted) await d.gate.giveBack(gateKey(x.variantId), x.quantity)
      return { ok: false, soldOut: [l] }
    }
    if (a === 'admitted') admitted.push(l)
  }
  return { ok: true, gated: admitted.map((a) => a.variantId) }
}

/**
 * The flash-sale shortcut: before any database work, the cart's remembered lines (see
 * CartApi.peekLines) are checked against the gate. A buyer whose gated variant has fewer units
 * left than asked is answered at once; anyone else, or a cart not remembered, takes the normal
 * path (which asks the gate again with the true lines). Ordinary checkouts pay nothing: with no
 * flash sale open, no memo is read.
 */
export const soldOutEarly = async (d: CheckoutDeps, cartId: string): Promise<{ variantId: string; quantity: number }[] | null> => {
  const gated = await gatedVariants(d)
  if (gated.size === 0) return null
  const lines = await d.cart.peekLines(cartId)
  if (!lines) return null
  const soldOut: { variantId: string; quantity: number }[] = []
  for (const l of lines) {
    if (!gated.has(gateKey(l.variantId))) continue
    const left = await d.gate.remaining(gateKey(l.variantId))
    if (left !== null && left < l.quantity) soldOut.push({ variantId: l.variantId, quantity: l.quantity })
  }
  return soldOut.length ? soldOut : null
}
