import { err, ok, type Result } from '../../../platform/result.ts'
import { checkoutEmail } from '../../cart/index.ts'
import { callPlace, type PlaceAnswer } from '../store/place-call.ts'
import type { CheckoutQuote } from '../../cart/index.ts'
import type { CheckoutInput } from '../contract.ts'
import type { CheckoutDeps } from '../deps.ts'
import type { CheckoutError } from '../errors.ts'
import { admitLines, giveBackAll, soldOutError } from './admit-lines.ts'
import { quoteError } from './quote-error.ts'
import { settleFailed, settlePaid } from './settle-payment.ts'

class Abort extends Error {
  constructor(readonly error: CheckoutError) {
    super(error.code)
  }
}

const outOfStock = (variants: { variant_id: string; requested: number; available: number }[]) =>
  new Abort({ code: 'CHECKOUT_OUT_OF_STOCK', message: 'Some items are no longer available in the quantity asked.', variants })

/**
 * The checkout's writes before the payment, in one transaction: claim the cart, create the order
 * (+ outbox), record the pending payment, count promotion uses, and reserve the stock last, so the
 * locks on hot stock rows are held only from the reservation to the commit.
 *
 * The first four are one call of `checkout.place` (migration 0013, decision 0025). An order of one
 * variant without promotions is held in that same call too: one round trip, no begin or commit.
 * Otherwise (several variants, promotions, or stock that only a split across locations can serve)
 * the call runs in a transaction followed by the promotions and inventory's planned reservation.
 */
const reserveAndCreate = async (d: CheckoutDeps, input: CheckoutInput, q: CheckoutQuote, orderId: string) => {
  const expiresAt = new Date(d.clock.now().getTime() + d.options.reservationTtlSeconds * 1000)
  const reserve = { ref: orderId, lines: q.lines.map((l) => ({ variantId: l.variantId, quantity: l.quantity })), expiresAt }
  const order = d.orders.prepareOrder({
    id: orderId,
    cartId: input.cartId,
    email: input.email.trim().toLowerCase(),
    customerId: input.customerId ?? null,
    currency: q.cart.currency,
    items: q.lines,
    totals: q.totals,
    shippingAddress: input.shippingAddress,
    shippingOption: q.shippingOption,
    discounts: q.applied.map((a) => ({ code: a.code, name: a.name, amount: { amount: a.amount, currency: q.cart.currency } })),
    paymentProvider: input.payment.provider,
  })
  const values = {
    cartId: input.cartId,
    email: checkoutEmail(input.email),
    ...order.args,
    pending: JSON.stringify({
      order_id: orderId,
      cart_id: input.cartId,
      provider: input.payment.provider,
      token: input.payment.token,
      amount: q.totals.total,
      currency: q.cart.currency,
    }),
  }
  const placed = (answer: PlaceAnswer) => {
    if ('refused' in answer) throw new Abort({ code: 'CHECKOUT_CART_NOT_ACTIVE', message: 'This cart is already being checked out.' })
    return answer
  }
  const whole = q.applied.length ? null : d.inventory.wholeHold(reserve)
  if (whole) {
    const { hold } = whole
    const args = { variant_id: hold.variantId, id: hold.id, ref: hold.ref, quantity: hold.quantity, expires_at: hold.expiresAt }
    const answer = placed(
      await callPlace(d.db.orm, { ...values, hold: JSON.stringify(args) }).catch((e: unknown) => Promise.reject(order.failure(e))),
    )
    if ('number' in answer) {
      const held = whole.outcome({ held: true, locationId: answer.location_id ?? '', free: answer.free ?? 0 })
      return { ...order.written(answer.number), lowStock: held?.ok ? held.value.lowStockVariantIds : [] }
    }
    const refused = whole.outcome({ held: false, available: answer.not_held })
    if (refused && !refused.ok) throw outOfStock(refused.error.code === 'INVENTORY_INSUFFICIENT_STOCK' ? refused.error.variants : [])
    // enough units, but at no one location (or taken meanwhile): nothing was written; planned across locations below
  }
  try {
    return await d.db.orm.transaction(async (tx) => {
      const answer = placed(await callPlace(tx, { ...values, hold: null }))
      if (!('number' in answer)) throw new Error('checkout.place answered without an order')
      const created = order.written(answer.number)
      if (q.applied.length) {
        const r = await d.redeemPromotions(tx, { orderId, email: input.email, applied: q.applied })
        if (!r.ok) throw new Abort({ code: 'CHECKOUT_INVALID_DISCOUNT', message: r.error.message })
      }
      const held = await d.inventory.reserve(tx, { ...reserve, wholeHoldTried: whole !== null })
      if (!held.ok) throw outOfStock(held.error.code === 'INVENTORY_INSUFFICIENT_STOCK' ? held.error.variants : [])
      return { ...created, lowStock: held.value.lowStockVariantIds }
    })
  } catch (e) {
    throw e instanceof Abort ? e : order.failure(e)
  }
}

const unknownProvider = (provider: string) => {
  const message = `No payment gateway is configured for provider "${provider}".`
  return { code: 'CHECKOUT_INVALID_REQUEST' as const, message, fields: [{ field: 'payment.provider', message }] }
}

type Placed = Result<{ order: Awaited<ReturnType<typeof reserveAndCreate>>['order']; accessToken: string }, CheckoutError>

/** `preAdmitted`: flash-sale units admitted before the checkout line (see admitEarly); always used or given back. */
export const placeOrder =
  (d: CheckoutDeps) =>
  async (input: CheckoutInput, preAdmitted: readonly { variantId: string; quantity: number }[] = []): Promise<Placed> => {
    if (!d.payments.acceptsProvider(input.payment.provider)) {
      // refused before anything is written: no order, reservation or promotion use for a provider we cannot charge
      await giveBackAll(d, preAdmitted)
      return err(unknownProvider(input.payment.provider))
    }
    const quoted = await d.cart
      .quote(input.cartId, {
        country: input.shippingAddress.country,
        shippingOptionId: input.shippingOptionId,
        email: input.email,
        // remembered by the claim below, in the same write; only a checkout stopped before it writes it apart
        rememberEmail: false,
        ...(input.shippingAddress.region && { region: input.shippingAddress.region }),
      })
      .catch(async (e: unknown) => {
        await giveBackAll(d, preAdmitted)
        throw e
      })
    if (!quoted.ok) {
      await giveBackAll(d, preAdmitted)
      await d.cart.rememberEmail(input.cartId, input.email)
      return err(quoteError(quoted.error))
    }
    const q = quoted.value
    const lines = q.lines.map((l) => ({ variantId: l.variantId, quantity: l.quantity }))
    const admission = await admitLines(d, lines, preAdmitted)
    if (!admission.ok) {
      await d.cart.rememberEmail(input.cartId, input.email)
      return err(soldOutError(admission.soldOut))
    }
    const orderId = d.newId('ord')
    let created: Awaited<ReturnType<typeof reserveAndCreate>>
    try {
      created = await reserveAndCreate(d, input, q, orderId)
    } catch (e) {
      for (const v of admission.gated) await d.gate.giveBack(`variant:${v}`, lines.find((l) => l.variantId === v)?.quantity ?? 0)
      if (!(e instanceof Abort)) throw e
      await d.cart.rememberEmail(input.cartId, input.email)
      return err(e.error)
    }
    await d.inventory.refreshAvailability(created.lowStock)
    return authorizeAndSettle(d, {
      input,
      orderId,
      total: q.totals.total,
      currency: q.cart.currency,
      lines,
      gated: admission.gated,
      accessToken: created.accessToken,
    })
  }

export const authorizeAndSettle = async (
  d: CheckoutDeps,
  o: {
    input: CheckoutInput
    orderId: string
    total: number
    currency: string
    lines: { variantId: string; quantity: number }[]
    gated: string[]
    accessToken: string
  },
) => {
  const auth = await d.payments.authorize({
    orderId: o.orderId,
    amount: { amount: o.total, currency: o.currency },
    provider: o.input.payment.provider,
    token: o.input.payment.token,
    idempotencyKey: `auth_${o.orderId}`,
    newOrder: true,
  })
  const fail = { orderId: o.orderId, cartId: o.input.cartId, lines: o.lines, gated: o.gated }
  if (!auth.ok && auth.error.code === 'PAYMENTS_IN_PROGRESS') {
    // the gateway is still working on this key: leave the order pending for reconciliation
    return err({
      code: 'CHECKOUT_PAYMENT_UNAVAILABLE' as const,
      message: 'Payment is still being processed; check the order status shortly.',
      // the buyer's only way to that status, as in a placed order's answer
      order_id: o.orderId,
      access_token: o.accessToken,
    })
  }
  if (!auth.ok) {
    // after an outage or timeout a gateway may have authorised without our hearing it: the pending
    // payment stays, so reconciliation asks again with the same key and voids what it finds
    await settleFailed(d, { ...fail, note: auth.error.message, keepPending: auth.error.code === 'PAYMENTS_UNAVAILABLE' })
    if (auth.error.code === 'PAYMENTS_DECLINED')
      return err({ code: 'CHECKOUT_PAYMENT_DECLINED' as const, message: 'The payment was declined. Try another card.' })
    if (auth.error.code === 'PAYMENTS_UNKNOWN_PROVIDER') return err(unknownProvider(o.input.payment.provider))
    return err({
      code: 'CHECKOUT_PAYMENT_UNAVAILABLE' as const,
      message: 'Payment is unavailable right now; nothing was charged. Please try again shortly.',
    })
  }
  const placed = await settlePaid(d, o.orderId, o.input.cartId)
  if (!placed) {
    await d.payments.void({ orderId: o.orderId })
    await settleFailed(d, { ...fail, note: 'reservation expired before payment completed' })
    return err({
      code: 'CHECKOUT_OUT_OF_STOCK' as const,
      message: 'The reservation expired before payment completed; nothing was charged.',
      variants: [],
    })
  }
  return ok({ order: placed, accessToken: o.accessToken })
}
