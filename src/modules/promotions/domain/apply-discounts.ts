import type { Applied, PromotionKind } from '../contract.ts'

export type DiscountLine = {
  readonly promotionId: string
  readonly code: string | null
  readonly name: string
  /** minor units taken off: off the subtotal, or (free shipping) the shipping waived */
  readonly amount: number
}

export type Discounts = {
  /** taken off the subtotal: the sum of the percentage and fixed lines, never more than the subtotal */
  readonly discountTotal: number
  /** true when a free-shipping promotion applies: shipping is charged as 0 */
  readonly freeShipping: boolean
  /** the shipping waived (the shipping given when `freeShipping`, else 0) */
  readonly shippingDiscount: number
  /** one per applied promotion, in the order applied; sum = discountTotal + shippingDiscount */
  readonly lines: DiscountLine[]
}

export type DiscountInput = {
  readonly subtotal: number
  readonly shipping: number
  readonly applied: readonly Pick<Applied, 'promotionId' | 'code' | 'name' | 'kind' | 'value'>[]
}

const KIND_ORDER: Record<PromotionKind, number> = { percentage: 0, fixed: 1, free_shipping: 2 }

/** amount × bp / 10 000, rounded half-up, in integers (BigInt: no float error, no overflow). */
export const percentOf = (amount: number, bp: number): number => {
  const n = BigInt(amount) * BigInt(bp)
  return Number((n * 2n + 10_000n) / 20_000n)
}

const assertAmount = (name: string, x: number) => {
  if (!Number.isSafeInteger(x) || x < 0) throw new RangeError(`${name} must be a non-negative integer of minor units: ${x}`)
}

/**
 * Stacks the applied promotions in a stable order: percentages (each of the undiscounted subtotal),
 * then fixed amounts, then free shipping; ties by promotion id. Every line is capped at what is left
 * of the subtotal, so the discounted subtotal never goes below zero. Lines that end up at 0 are kept
 * (the shopper sees the code was accepted); a caller may skip redeeming them.
 */
export const applyDiscounts = (input: DiscountInput): Discounts => {
  assertAmount('subtotal', input.subtotal)
  assertAmount('shipping', input.shipping)
  const ordered = [...input.applied].sort(
    (a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || (a.promotionId < b.promotionId ? -1 : a.promotionId > b.promotionId ? 1 : 0),
  )
  let left = input.subtotal
  let freeShipping = false
  const lines: DiscountLine[] = []
  for (const p of ordered) {
    let amount = 0
    if (p.kind === 'free_shipping') {
      amount = freeShipping ? 0 : input.shipping
      freeShipping = true
    } else {
      const wanted = p.kind === 'percentage' ? percentOf(input.subtotal, p.value) : p.value
      amount = Math.min(Math.max(wanted, 0), left)
      left -= amount
    }
    lines.push({ promotionId: p.promotionId, code: p.code, name: p.name, amount })
  }
  return { discountTotal: input.subtotal - left, freeShipping, shippingDiscount: freeShipping ? input.shipping : 0, lines }
}
