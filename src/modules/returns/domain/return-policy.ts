import { err, ok, type Result } from '../../../platform/result.ts'
import type { ReturnsError } from '../errors.ts'
import { lineShares, unitsRefund } from './refund-amounts.ts'

const DAY_MS = 86_400_000

/** The return policy, from configuration (RETURN_* settings). */
export type ReturnPolicy = {
  /** 0: returns are closed */
  readonly windowDays: number
  readonly windowFrom: 'delivery' | 'placement'
  /** category ids (handles resolved at start-up) whose products cannot be returned */
  readonly nonReturnableCategories: readonly string[]
  /** approve at once below this refund value (minor units); 0: never */
  readonly autoApproveBelow: number
}

export type OrderFacts = {
  readonly id: string
  readonly status: string
  readonly fulfillmentStatus: string
  readonly placedAt: string
  /** when the order was delivered (completed), if it was */
  readonly deliveredAt: string | null
  readonly total: number
  readonly shippingTotal: number
  readonly items: readonly {
    readonly id: string
    readonly variantId: string
    readonly quantity: number
    readonly unitPrice: number
    readonly total: number
  }[]
}

export type RequestedLine = {
  readonly itemId: string
  readonly quantity: number
  readonly reason: string
  readonly exchangeVariantId?: string
}

export type PlannedLine = RequestedLine & { readonly variantId: string; readonly refundAmount: number }

export type RequestFacts = {
  readonly order: OrderFacts
  readonly lines: readonly RequestedLine[]
  /** units of each order item already in other returns that were not rejected */
  readonly alreadyReturned: ReadonlyMap<string, number>
  /** category ids of each ordered variant */
  readonly categoriesOf: ReadonlyMap<string, readonly string[]>
  /** for exchanges: the replacement's current unit price, absent when it cannot be sold */
  readonly replacementPrices: ReadonlyMap<string, number>
  readonly now: Date
}

const SHIPPED = new Set(['fulfilled', 'partially_fulfilled', 'partially_returned'])

/** The last day a return may be asked for; null while the window has not started (not yet delivered). */
export const windowClosesAt = (policy: ReturnPolicy, o: OrderFacts): Date | null => {
  const from = policy.windowFrom === 'placement' ? o.placedAt : o.deliveredAt
  return from === null ? null : new Date(new Date(from).getTime() + policy.windowDays * DAY_MS)
}

const checkOrder = (policy: ReturnPolicy, f: RequestFacts): ReturnsError | null => {
  const o = f.order
  if (o.status === 'canceled' || o.status === 'pending' || !SHIPPED.has(o.fulfillmentStatus))
    return {
      code: 'RETURNS_ORDER_NOT_RETURNABLE',
      message:
        o.status === 'canceled'
          ? 'This order was canceled.'
          : o.fulfillmentStatus === 'returned'
            ? 'Every item of this order was returned already.'
            : 'Nothing of this order has shipped yet; cancel it instead.',
      order_status: o.status,
      fulfillment_status: o.fulfillmentStatus,
    }
  const closes = windowClosesAt(policy, o)
  if (policy.windowDays === 0 || (closes !== null && f.now.getTime() > closes.getTime()))
    return {
      code: 'RETURNS_WINDOW_CLOSED',
      message: `Returns are accepted within ${policy.windowDays} days of ${policy.windowFrom}.`,
      closed_at: (closes ?? f.now).toISOString(),
    }
  return null
}

const checkLine = (policy: ReturnPolicy, f: RequestFacts, line: RequestedLine, seen: Set<string>): ReturnsError | null => {
  const item = f.order.items.find((i) => i.id === line.itemId)
  if (!item) return { code: 'RETURNS_UNKNOWN_ITEM', message: `Order ${f.order.id} has no item "${line.itemId}".`, item_id: line.itemId }
  if (seen.has(line.itemId))
    return { code: 'RETURNS_DUPLICATE_ITEM', message: `Item ${line.itemId} is listed twice.`, item_id: line.itemId }
  seen.add(line.itemId)
  const blocked = (f.categoriesOf.get(item.variantId) ?? []).find((c) => policy.nonReturnableCategories.includes(c))
  if (blocked !== undefined)
    return { code: 'RETURNS_ITEM_NOT_RETURNABLE', message: 'This item cannot be returned.', item_id: line.itemId, category_id: blocked }
  const returnable = item.quantity - (f.alreadyReturned.get(item.id) ?? 0)
  if (line.quantity > returnable)
    return {
      code: 'RETURNS_QUANTITY_EXCEEDED',
      message: `At most ${returnable} of this item can still be returned.`,
      item_id: line.itemId,
      returnable,
    }
  if (line.exchangeVariantId === undefined) return null
  const price = f.replacementPrices.get(line.exchangeVariantId)
  if (price === undefined)
    return {
      code: 'RETURNS_EXCHANGE_UNAVAILABLE',
      message: 'The replacement is not for sale.',
      item_id: line.itemId,
      variant_id: line.exchangeVariantId,
    }
  if (price !== item.unitPrice)
    return {
      code: 'RETURNS_EXCHANGE_PRICE_DIFFERS',
      message: 'An exchange must be for a variant at the same price; return the item for a refund and order the other one.',
      item_id: line.itemId,
      variant_id: line.exchangeVariantId,
    }
  return null
}

/**
 * Decides a return request against the policy: the order must have shipped and be inside the
 * window; every line must name an item of the order once, not in a non-returnable category, for
 * no more units than are left to return; an exchange must be for a variant on sale at the same
 * price. The answer is the lines with their refund (0 for exchanged lines: the replacement is the
 * compensation).
 */
export const planReturn = (policy: ReturnPolicy, f: RequestFacts): Result<PlannedLine[], ReturnsError> => {
  const bad = checkOrder(policy, f)
  if (bad) return err(bad)
  const seen = new Set<string>()
  for (const line of f.lines) {
    const e = checkLine(policy, f, line, seen)
    if (e) return err(e)
  }
  const shares = lineShares({
    total: f.order.total,
    shippingTotal: f.order.shippingTotal,
    lines: f.order.items.map((i) => ({ id: i.id, quantity: i.quantity, total: i.total })),
  })
  return ok(
    f.lines.map((line) => {
      const item = f.order.items.find((i) => i.id === line.itemId) as OrderFacts['items'][number]
      const refund =
        line.exchangeVariantId === undefined
          ? unitsRefund({ share: shares.get(item.id) ?? 0, quantity: item.quantity }, f.alreadyReturned.get(item.id) ?? 0, line.quantity)
          : 0
      return { ...line, variantId: item.variantId, refundAmount: refund }
    }),
  )
}

/** Whether a new return is approved without staff: the rule is on and its refund value is below it. */
export const approvesItself = (policy: ReturnPolicy, refundAmount: number, hasExchange: boolean): boolean =>
  policy.autoApproveBelow > 0 && refundAmount < policy.autoApproveBelow && !hasExchange
