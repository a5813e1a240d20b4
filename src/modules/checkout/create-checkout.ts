import { err, ok } from '../../platform/result.ts'
import type { Order } from '../orders/index.ts'
import type { CheckoutApi } from './contract.ts'
import { type CheckoutDeps, gateKey } from './deps.ts'
import { adaptiveLimit, SLOW_AT } from '../../platform/http/adaptive-limit.ts'
import { boundedLine, LineFullError, LineTimeoutError } from '../../platform/http/wait-in-line.ts'
import { admitEarly, forgetGatedCache, giveBackAll, inOpenSales, soldOutAtOnce, soldOutError } from './use-cases/admit-lines.ts'
import { placeOrder } from './use-cases/place-order.ts'
import { reconcilePending, releaseExpired } from './use-cases/recover.ts'
import { recoverAmbiguousPayments } from './use-cases/recover-ambiguous.ts'

/** how often the ordinary checkouts' limit is reconsidered (as the route classes' limits) */
const LIMIT_WINDOW_MS = 200

/**
 * A bulkhead around the database and payment part of checkout: a burst waits in a bounded line
 * instead of piling onto the connection pool, and past the line the buyer is told to come back
 * (503, Retry-After) rather than timing out. Flash-sale buyers pass the gate before the line, so
 * those past the last unit hear "sold out" at once instead of queueing for it.
 */
const placing = (d: CheckoutDeps): CheckoutApi['placeOrder'] => {
  const half = Math.max(1, Math.floor(d.options.maxConcurrentPlacements / 2))
  const targetMs = d.options.maxExpectedMs
  // with a latency target, how many ordinary checkouts run at once follows their placements' time:
  // slow placements shrink it, so a spike's buyers wait in line (or come back) instead of all
  // running slowly together (decision 0020)
  const limit = targetMs
    ? adaptiveLimit({ targetMs, min: 1, max: half, initial: half, windowMs: LIMIT_WINDOW_MS }, performance.now())
    : undefined
  // a buyer who would wait and not be done within half the latency target is told to come back at once (decision 0020)
  const line = boundedLine(limit ? limit.current : half, d.options.placementQueue, {
    ...(targetMs && { maxExpectedMs: targetMs * SLOW_AT }),
    ...(limit && { onNoFreeSlot: limit.saturated }),
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
      // nobody waits in line longer than queueTimeoutMs (flashSaleWaitMs for buyers holding flash-sale
      // units): then CHECKOUT_BUSY (503, Retry-After) and nothing placed
      if (pre.length) return await admittedLine.run(d.options.flashSaleWaitMs ?? 30_000, () => place(input, pre))
      return await line.run(d.options.queueTimeoutMs ?? 10_000, async () => {
        const startedAt = performance.now()
        try {
          return await place(input, pre)
        } finally {
          // the placement's own time, not the wait before it: the wait is the line's business (its
          // expected-wait refusal), and counting it would shrink the limit further as the line grew
          const now = performance.now()
          limit?.record(now - startedAt, now)
        }
      })
    } catch (e) {
      if (!(e instanceof LineFullError) && !(e instanceof LineTimeoutError)) throw e
      await giveBackAll(d, pre)
      return err({ code: 'CHECKOUT_BUSY', message: 'Checkout is very busy right now; please try again in a moment.' })
    }
  }
}

class CancelRefused extends Error {}

type CancelError = Extract<Awaited<ReturnType<CheckoutApi['cancelOrder']>>, { ok: false }>

/**
 * Voids an authorised payment or refunds a captured one, for a staff cancel. When the gateway
 * cannot do it now, the cancel stops there (503, try again); when the payment cannot be undone
 * (unknown, or in another state than the order says), it is refused (409) with the reason.
 */
const undoPayment = async (d: CheckoutDeps, o: Order): Promise<{ ok: true } | CancelError> => {
  const r =
    o.payment_status === 'authorized'
      ? await d.payments.void({ orderId: o.id })
      : o.payment_status === 'captured'
        ? await d.payments.refund({ orderId: o.id, amount: o.total, idempotencyKey: `cancel_${o.id}` })
        : ok(null)
  if (r.ok) return { ok: true }
  if (r.error.code === 'PAYMENTS_UNAVAILABLE' || r.error.code === 'PAYMENTS_IN_PROGRESS')
    return err({
      code: 'CHECKOUT_PAYMENT_UNAVAILABLE',
      message: 'The payment gateway could not undo the payment right now; the order is unchanged. Try again shortly.',
    })
  return err({ code: 'CHECKOUT_CANNOT_CANCEL', message: `The order's payment could not be undone: ${r.error.message}` })
}

export const createCheckout = (d: CheckoutDeps): CheckoutApi => ({
  placeOrder: placing(d),
  soldOutAtOnce: (cartId) => soldOutAtOnce(d, cartId),
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
    // the money first: an order is shown canceled only once its payment is really voided or refunded
    const undone = await undoPayment(d, o)
    if (!undone.ok) return undone
    try {
      await d.db.orm.transaction(async (tx) => {
        // takes turns with the booking's review and its recording of the parcels (holding nothing yet;
        // parcels recorded after this commit are canceled by the booking itself, docs/processing.md);
        // then stock, then the order's row, the same order as a failed payment's settling
        await d.orders.lockOrder(orderId, tx)
        await d.inventory.release({ ref: orderId, includeCommitted: true }, tx)
        await d.releasePromotions({ orderId }, tx)
        const to = o.payment_status === 'authorized' ? 'voided' : o.payment_status === 'captured' ? 'refunded' : 'failed'
        for (const move of [
          { field: 'payment_status', to },
          { field: 'status', to: 'canceled' },
        ] as const) {
          const moved = await d.orders.transition({ orderId, ...move, note }, tx)
          if (!moved.ok) throw new CancelRefused(moved.error.message)
        }
        // the moves hold the order's row: a parcel that left while the payment was undone shows here,
        // and the whole cancel is undone (no stock comes back for goods that are gone)
        const now = await d.orders.getOrder(orderId, tx)
        if (now.ok && now.value.fulfillment_status !== 'unfulfilled')
          throw new CancelRefused(`it is ${now.value.fulfillment_status}; use a return`)
      })
    } catch (e) {
      if (!(e instanceof CancelRefused)) throw e
      // moved on meanwhile (e.g. fulfilment started): nothing of the cancel is kept but the payment's undoing
      const paid =
        o.payment_status === 'authorized' ? ' Its payment was voided.' : o.payment_status === 'captured' ? ' Its payment was refunded.' : ''
      return err({ code: 'CHECKOUT_CANNOT_CANCEL', message: `The order changed while it was being canceled: ${e.message}${paid}` })
    }
    const lines = o.items.map((i) => ({ variantId: i.variant_id, quantity: i.quantity }))
    await d.inventory.refreshAvailability(lines.map((l) => l.variantId))
    for (const v of await inOpenSales(d, lines)) await d.gate.giveBack(gateKey(v), lines.find((l) => l.variantId === v)?.quantity ?? 0)
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
