import { err, ok } from '../../platform/result.ts'
import type { CheckoutApi } from './contract.ts'
import { type CheckoutDeps, gateKey } from './deps.ts'
import { forgetGatedCache } from './use-cases/admit-lines.ts'
import { placeOrder } from './use-cases/place-order.ts'
import { reconcilePending, releaseExpired } from './use-cases/recover.ts'

export const createCheckout = (d: CheckoutDeps): CheckoutApi => ({
  placeOrder: placeOrder(d),
  releaseExpired: releaseExpired(d),
  reconcilePending: reconcilePending(d),

  cancelOrder: async (orderId, note) => {
    const found = await d.orders.getOrder(orderId)
    if (!found.ok) return err({ code: 'CHECKOUT_CART_NOT_FOUND', message: `No order "${orderId}".` })
    const o = found.value
    if (o.status === 'canceled') return ok(o)
    if (o.fulfillment_status !== 'unfulfilled' || !['pending', 'placed'].includes(o.status)) {
      return err({ code: 'CHECKOUT_CANNOT_CANCEL', message: `An order that is ${o.status} / ${o.fulfillment_status} cannot be canceled; use a return.` })
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

