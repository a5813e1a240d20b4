import { err, ok, type Result } from '../../../platform/result.ts'
import { recordPendingPayment } from '../store/pending-payments.ts'
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

/**
 * One transaction: claim the cart, count promotion uses, create the order (+ outbox), and reserve
 * the stock last, so the locks on hot stock rows are held only from the reservation to the commit.
 */
const reserveAndCreate = (d: CheckoutDeps, input: CheckoutInput, q: CheckoutQuote, orderId: string) =>
  d.db.orm.transaction(async (tx) => {
    if (!(await d.cart.claimForCheckout(tx, input.cartId, input.email)))
      throw new Abort({ code: 'CHECKOUT_CART_NOT_ACTIVE', message: 'This cart is already being checked out.' })
    if (q.applied.length) {
      const r = await d.redeemPromotions(tx, { orderId, email: input.email, applied: q.applied })
      if (!r.ok) throw new Abort({ code: 'CHECKOUT_INVALID_DISCOUNT', message: r.error.message })
    }
    const created = await d.orders.createOrder(tx, {
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
    await recordPendingPayment(tx, {
      orderId,
      cartId: input.cartId,
      provider: input.payment.provider,
      token: input.payment.token,
      amount: q.totals.total,
      currency: q.cart.currency,
    })
    const expiresAt = new Date(d.clock.now().getTime() + d.options.reservationTtlSeconds * 1000)
    const held = await d.inventory.reserve(tx, {
      ref: orderId,
      lines: q.lines.map((l) => ({ variantId: l.variantId, quantity: l.quantity })),
      expiresAt,
    })
    if (!held.ok) {
      const variants = held.error.code === 'INVENTORY_INSUFFICIENT_STOCK' ? held.error.variants : []
      throw new Abort({ code: 'CHECKOUT_OUT_OF_STOCK', message: 'Some items are no longer available in the quantity asked.', variants })
    }
    return { ...created, lowStock: held.value.lowStockVariantIds }
  })

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
