import type { CheckoutDeps } from '../deps.ts'
import type { CheckoutError } from '../errors.ts'
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

type Line = { variantId: string; quantity: number }

/** Gives flash-sale admissions back (a buyer who was admitted but will not reserve after all). */
export const giveBackAll = async (d: CheckoutDeps, lines: readonly Line[]) => {
  for (const l of lines) await d.gate.giveBack(gateKey(l.variantId), l.quantity)
}

/**
 * The variants among `lines` in a flash sale now (read afresh, not from the cache): their units,
 * released by a cancel or an expiry, go back to the gate, whether or not their order came through
 * it, since the sale can sell them again. Without this, the gate stays at "sold out" while the
 * stock is free again. (An order placed before the sale opened gives back units the sale never
 * counted; that only lets a few more buyers try, and the database's conditional write decides.)
 */
export const inOpenSales = async (d: CheckoutDeps, lines: readonly Line[]): Promise<string[]> => {
  if (lines.length === 0) return []
  const open = new Set(await d.gate.gatedKeys())
  return lines.filter((l) => open.has(gateKey(l.variantId))).map((l) => l.variantId)
}

/**
 * Asks the hot-SKU gate for every flash-sale line. All or nothing: if one line is sold out, the
 * units admitted for the others go back. `preAdmitted` are units admitted earlier from the cart's
 * remembered lines (see admitEarly): used when they match a line exactly, given back otherwise.
 * Returns the admitted variant ids, or the sold-out lines.
 */
export const admitLines = async (
  d: CheckoutDeps,
  lines: readonly Line[],
  preAdmitted: readonly Line[] = [],
): Promise<{ ok: true; gated: string[] } | { ok: false; soldOut: Line[] }> => {
  const gated = await gatedVariants(d)
  const unused = [...preAdmitted]
  const admitted: Line[] = []
  for (const l of lines) {
    const pre = unused.findIndex((p) => p.variantId === l.variantId && p.quantity === l.quantity)
    if (pre >= 0) {
      admitted.push(...unused.splice(pre, 1))
      continue
    }
    if (!gated.has(gateKey(l.variantId))) continue
    const a = await d.gate.admit(gateKey(l.variantId), l.quantity)
    if (a === 'sold_out') {
      await giveBackAll(d, [...admitted, ...unused])
      return { ok: false, soldOut: [l] }
    }
    if (a === 'admitted') admitted.push(l)
  }
  await giveBackAll(d, unused)
  return { ok: true, gated: admitted.map((a) => a.variantId) }
}

/** The cart's remembered lines that are in an open flash sale; none read at all while no sale is open. */
const gatedLinesOf = async (d: CheckoutDeps, cartId: string): Promise<Line[]> => {
  const gated = await gatedVariants(d)
  if (gated.size === 0) return []
  return (await d.cart.peekLines(cartId))?.filter((l) => gated.has(gateKey(l.variantId))) ?? []
}

/**
 * The flash-sale shortcut, before any database work and before the checkout line: the cart's
 * remembered lines (see CartApi.peekLines) go through the gate at once, so after the last unit
 * every buyer is answered "sold out" in a moment while the admitted ones wait their turn.
 * Null when no flash sale is open (ordinary checkouts pay nothing: no memo is read), when the cart
 * is not remembered or holds no gated line: the normal path then asks the gate itself. The
 * admitted units are checked against the true lines later and given back if they differ.
 */
export const admitEarly = async (d: CheckoutDeps, cartId: string): Promise<{ soldOut: Line[] } | { admitted: Line[] } | null> => {
  const lines = await gatedLinesOf(d, cartId)
  if (!lines.length) return null
  const r = await admitLines(d, lines)
  return r.ok ? { admitted: lines.filter((l) => r.gated.includes(l.variantId)) } : { soldOut: r.soldOut }
}

export const soldOutError = (lines: readonly Line[]): CheckoutError => ({
  code: 'CHECKOUT_OUT_OF_STOCK',
  message: 'Sold out.',
  variants: lines.map((l) => ({ variant_id: l.variantId, requested: l.quantity, available: 0 })),
})

/**
 * The flash-sale answer that needs nothing of the request but its cart: one of the cart's
 * remembered lines is in a sale whose gate has fewer units left than the line asks for. The
 * checkout route gives it before the request body is read (decision 0008), so past the last unit
 * a buyer costs a look at the gate and nothing more. Null in every other case (no sale open, cart
 * not remembered, units left, gate unreachable): the checkout then runs as usual, gate included.
 */
export const soldOutAtOnce = async (d: CheckoutDeps, cartId: string): Promise<CheckoutError | null> => {
  for (const l of await gatedLinesOf(d, cartId)) {
    const left = await d.gate.remaining(gateKey(l.variantId))
    if (left !== null && left < l.quantity) return soldOutError([l])
  }
  return null
}
