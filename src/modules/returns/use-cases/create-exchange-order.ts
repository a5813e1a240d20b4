import { AppError } from '../../../platform/app-error.ts'
import type { Executor } from '../../../platform/db/database.ts'
import { err, ok, type Result } from '../../../platform/result.ts'
import type { NewOrder, Order } from '../../orders/index.ts'
import type { Return } from '../contract.ts'
import type { ReturnsDeps, SellableVariant } from '../deps.ts'
import type { ReturnsError } from '../errors.ts'
import { RETURNS_TOPICS } from '../events.ts'
import { setReturnFields } from '../store/write-returns.ts'
import { loadOrder, recordStep } from './support.ts'

const HOLD_MS = 24 * 3_600_000

type Line = {
  readonly variantId: string
  readonly sku: string
  readonly title: string
  readonly quantity: number
  readonly unitPrice: number
}

/** The replacement lines, at the price the shopper paid (same-price exchanges only: see the policy). */
const replacementLines = (r: Return, original: Order, sellable: ReadonlyMap<string, SellableVariant>): Result<Line[], ReturnsError> => {
  const wanted = r.items.filter((i) => i.exchange_variant_id)
  const lines: Line[] = []
  for (const i of wanted) {
    const v = sellable.get(i.exchange_variant_id as string)
    const paid = original.items.find((o) => o.id === i.item_id)?.unit_price.amount
    if (!v)
      return err({
        code: 'RETURNS_EXCHANGE_UNAVAILABLE',
        message: 'The replacement is no longer for sale.',
        item_id: i.item_id,
        variant_id: i.exchange_variant_id as string,
      })
    if (v.price !== paid)
      return err({
        code: 'RETURNS_EXCHANGE_PRICE_DIFFERS',
        message: 'The replacement no longer costs the same.',
        item_id: i.item_id,
        variant_id: v.id,
      })
    lines.push({ variantId: v.id, sku: v.sku, title: v.title, quantity: i.quantity, unitPrice: v.price })
  }
  return ok(lines)
}

/** The linked order: the replacement lines, fully covered by an exchange credit (total 0: no charge), shipped like any order. */
const newOrderOf = (d: ReturnsDeps, r: Return, original: Order, lines: Line[]): NewOrder => {
  const subtotal = lines.reduce((s, l) => s + l.unitPrice * l.quantity, 0)
  return {
    id: d.newId('ord'),
    cartId: `exchange_${r.id}`,
    email: original.email,
    customerId: original.customer_id,
    currency: original.currency,
    items: lines,
    totals: { subtotal, discountTotal: subtotal, shippingTotal: 0, taxTotal: 0, total: 0 },
    shippingAddress: original.shipping_address,
    shippingOption: original.shipping_option && { ...original.shipping_option, amount: { amount: 0, currency: original.currency } },
    discounts: [
      {
        code: null,
        name: `Exchange for order ${original.number} (return ${r.id})`,
        amount: { amount: subtotal, currency: original.currency },
      },
    ],
    paymentProvider: 'exchange',
  }
}

/**
 * In the approval's transaction: reserves the replacement stock (committed at once: it does not
 * expire) under a new order linked to the return, which is placed with nothing to pay, so order
 * processing ships it like any other. Out of stock rolls the approval back. `sellable` is read
 * before the transaction (the embedded database has one connection: no reads beside `tx`).
 */
export const createExchangeOrder = async (
  d: ReturnsDeps,
  tx: Executor,
  r: Return,
  sellable: ReadonlyMap<string, SellableVariant>,
): Promise<Result<Return, ReturnsError>> => {
  const found = await loadOrder(d, r.order_id, tx)
  if (!found.ok) return found
  const original = found.value
  const lines = replacementLines(r, original, sellable)
  if (!lines.ok) return lines
  const { order } = await d.orders.createOrder(tx, newOrderOf(d, r, original, lines.value))
  const held = await d.inventory.reserve(tx, {
    ref: order.id,
    lines: lines.value.map((l) => ({ variantId: l.variantId, quantity: l.quantity })),
    expiresAt: new Date(d.clock.now().getTime() + HOLD_MS),
  })
  if (!held.ok)
    return err({
      code: 'RETURNS_INSUFFICIENT_STOCK',
      message: 'The replacement is out of stock.',
      variant_ids: held.error.code === 'INVENTORY_INSUFFICIENT_STOCK' ? held.error.variants.map((v) => v.variant_id) : [],
    })
  await d.inventory.commit({ ref: order.id }, tx)
  const note = `No charge: exchange for order ${original.number}, return ${r.id}`
  const placed = await d.orders.transitionMany(
    {
      orderId: order.id,
      changes: [
        { field: 'payment_status', to: 'authorized', note },
        { field: 'status', to: 'placed', note },
      ],
    },
    tx,
  )
  if (!placed.ok) throw new AppError('RETURNS_ORDER_WRITE_FAILED', placed.error.message)
  await setReturnFields(tx, r.id, { exchangeOrderId: order.id }, d.clock.now())
  return ok(
    await recordStep(d, tx, {
      returnId: r.id,
      step: 'exchange_created',
      note: `Replacement order ${order.number} (exchange for order ${original.number})`,
      topic: RETURNS_TOPICS.exchangeCreated,
      orderIds: [original.id, order.id],
    }),
  )
}
