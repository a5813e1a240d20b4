import { err, ok } from '../../platform/result.ts'
import type { CheckoutApi } from './contract.ts'
import { type CheckoutDeps, gateKey } from './deps.ts'
import { boundedLine, LineFullError, LineTimeoutError } from '../../platform/http/wait-in-line.ts'
import { admitEarly, forgetGatedCache, giveBackAll } from './use-cases/admit-lines.ts'
import { placeOrder, soldOutError } from './use-cases/place-order.ts'
import { reconcilePending, releaseExpired } from './use-cases/recover.ts'
import { recoverAmbiguousPayments } from './use-cases/recover-ambiguous.ts'

/**
 * A bulkhead around the database and payment part of checkout: a burst waits in a bounded line
 * instead of piling onto the connection pool, and past the line the buyer is told to come back
 * (503, Retry-After) rather than timing out. Flash-sale buyers pass the gate before the line, so
 * those past the last unit hear "sold out" at once instead of queueing for it.
 */
const placing = (d: CheckoutDeps): CheckoutApi['placeOrder'] => {
  const half = Math.max(1, Math.floor(d.options.maxConcurrentPlacements / 2))
  // a buyer who would wait and not be done within the latency target is told to come back at once (decision 0020)
  const line = boundedLine(half, d.options.placementQueue, {
    ...(d.options.maxExpectedMs && { maxExpectedMs: d.options.maxExpectedMs }),
  })
  // buyers holding flash-sale units wait in a line of their own: it is bounded by the units on sale,
  // and sending them away would hand their units to the next arrivals in an endless churn
  const admittedLine = boundedLine(Math.max(1, d.options.flashSaleConcurrency), Number.MAX_SAFE_INTEGER)
  const place = placeOrder(d)
  return async (input) => {
    const early = await admitEarly(d, input.cartId)
    if (early && 'soldOut' in early) return err(soldOutError(early.soldOut))
    const pre = early?.admitted ?? []
    try {
      // nobody waits in line longer than queueTimeoutMs: then CHECKOUT_BUSY (503, Retry-After) and nothing placed
      return await (pre.length ? admittedLine : line).run(d.options.queueTimeoutMs ?? 10_000, () => place(input, pre))
    } catch (e) {
      if (!(e instanceof LineFullError) && !(e instanceof LineTimeoutError)) throw e
      await giveBackAll(d, pre)
      return err({ code: 'CHECKOUT_BUSY', message: 'Checkout is very busy right now; please try again in a moment.' })
    }
  }
}

export const createCheckout = (d: CheckoutDeps): CheckoutApi => ({
  placeOrder: placing(d),
  releaseExpired: releaseExpired(d),
  reconcilePending: reconcilePending(d),
  recoverAmbiguousPayments: recoverAmbiguousPayments(d, { notFoundFinalSeconds: d.options.ambiguousNotFoundFinalSeconds }),

  cancelOrder: async (orderId, note) => {
    const found = await d.orders.getOrder(orderId)
    if (!found.ok) return err({ code: 'CHECKOUT_CART_NOT_FOUND', message: `No order "${orderId}".` })
    const o = found.value
    if (o.status === 'canceled') return ok(o)
    if (o.fulfillment_status !== 'unfulfilled' || !['pending', 'placed'].includes(o.status)) {
      return err({
        code: 'CHECKOUT_CANNOT_CANCEL',
        message: `An order that is ${o.status} / ${o.fulfillment_status} cannot be canceled; use a return.`,
      })
    }
    if (o.payment_status === 'authorized') await d.payments.void({ orderId })
    if (o.payment_status === 'captured') {
      await d.payments.refund({ orderId, amount: o.total, idempotencyKey: `cancel_${orderId}` })
    }
    await d.db.orm.transaction(async (tx) => {
      await d.inventory.release({ ref: orderId, includeCommitted: true }, tx)
      await d.releasePromotions({ orderId }, tx)
      const to = o.payment_status === 'authorized' ? 'voided' : o.payment_status === 'captured' ? 'refunded' : 'failed'
      await d.orders.transition({ orderId, field: 'payment_status', to, note }, tx)
      await d.orders.transition({ orderId, field: 'status', to: 'canceled', note }, tx)
    })
    await d.inventory.refreshAvailability(o.items.map((i) => i.variant_id))
    const after = await d.orders.getOrder(orderId)
    return after.ok ? ok(after.value) : err({ code: 'CHECKOUT_CART_NOT_FOUND', message: 'order vanished' })
  },

  openFlashSale: async (variantId) => {
    const units = (await d.inventory.availableFor([variantId])).get(variantId) ?? 0
    await d.gate.open(gateKey(variantId), units)
    forgetGatedCache()
    return { units }
  },
  closeFlashSale: async (variantId) => {
    await d.gate.close(gateKey(variantId))
    forgetGatedCache()
  },
})
