/** Everything here is integer minor units of one currency. */
export type TotalsInput = {
  readonly lines: readonly { readonly unitPrice: number; readonly quantity: number }[]
  readonly discountTotal: number
  readonly shipping: number
  readonly freeShipping: boolean
  /** tax rate in basis points (2500 = 25%) */
  readonly taxRateBp: number
  /** prices (and shipping) include tax, as shown to shoppers in most of Europe */
  readonly taxInclusive: boolean
}

export type Totals = {
  readonly subtotal: number
  readonly discountTotal: number
  readonly shippingTotal: number
  readonly taxTotal: number
  readonly total: number
}

/** round(n / d) half up, for non-negative integers, without floats */
const divRound = (n: number, d: number) => Math.floor((2 * n + d) / (2 * d))

/** The one function that turns a cart into money: subtotal, discounts, shipping, tax, total. */
export const computeTotals = (i: TotalsInput): Totals => {
  const subtotal = i.lines.reduce((n, l) => n + l.unitPrice * l.quantity, 0)
  const discountTotal = Math.min(Math.max(0, i.discountTotal), subtotal)
  const shippingTotal = i.freeShipping ? 0 : Math.max(0, i.shipping)
  const taxable = subtotal - discountTotal + shippingTotal
  const taxTotal = i.taxInclusive ? divRound(taxable * i.taxRateBp, 10_000 + i.taxRateBp) : divRound(taxable * i.taxRateBp, 10_000)
  return { subtotal, discountTotal, shippingTotal, taxTotal, total: i.taxInclusive ? taxable : taxable + taxTotal }
}
