import { randomBytes } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Cart, CartApi, CartError } from '../../../modules/cart/index.ts'
import type { CheckoutApi, CheckoutError } from '../../../modules/checkout/index.ts'
import type { OrdersApi } from '../../../modules/orders/index.ts'
import type { ReturnsApi } from '../../../modules/returns/index.ts'
import type { RunOnce } from '../../../platform/db/run-once.ts'
import { CART_COOKIE, type CookieOptions, clearCookie, PLACED_COOKIE, readCookie, serializeCookie, setCookie } from '../cookies.ts'
import type { PageKit } from '../page-kit.ts'
import { type CartErrors, cartPage } from '../pages/cart-page.ts'
import {
  CHECKOUT_COUNTRIES,
  type CheckoutField,
  type CheckoutForm,
  type CheckoutView,
  checkoutPage,
  PAYMENT_TOKENS,
} from '../pages/checkout-page.ts'
import { orderPage } from '../pages/order-page.ts'
import { exchangeChoices } from '../exchange-choices.ts'
import { readForm } from '../forms/read-form.ts'
import { addToCartForm, cartQuantityForm, checkoutForm, discountForm, isRegionCode } from '../forms/shop-forms.ts'
import { orderReturns } from '../views/order-returns.ts'
import { type LookupDeps, registerOrderLookupRoutes } from './order-lookup-routes.ts'
import { registerReturnRoutes } from './return-routes.ts'

export type ShopDeps = {
  readonly cart: CartApi
  readonly checkout: CheckoutApi
  readonly orders: OrdersApi
  readonly returns?: ReturnsApi
  readonly once?: RunOnce
} & Pick<LookupDeps, 'shipments'>

type Form = Readonly<Record<string, string | undefined>>
type Errors = NonNullable<CheckoutView['errors']>

const ID = /^[A-Za-z0-9_-]{1,128}$/
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
/** the form's one-time key for "Place order" (checkoutView makes a new one at each rendering) */
const ATTEMPT = /^[A-Za-z0-9_-]{16,64}$/

/** A form field as trimmed text (absent, repeated-as-array or over-long input becomes ''). */
const field = (body: unknown, name: string, max = 200): string => {
  const v = body && typeof body === 'object' ? (body as Form)[name] : undefined
  return typeof v === 'string' && v.length <= max * 4 ? v.trim().slice(0, max) : ''
}

const see = (reply: FastifyReply, to: string) => reply.code(303).header('cache-control', 'private, no-store').redirect(to)

/** Which checkout field a module's field name concerns. */
const checkoutFieldOf = (name: string): CheckoutField | 'items' | 'general' => {
  const f = name.replace(/^shipping_address\./, '')
  if (
    f === 'email' ||
    f === 'name' ||
    f === 'line1' ||
    f === 'city' ||
    f === 'postal_code' ||
    f === 'region' ||
    f === 'country' ||
    f === 'shipping_option_id'
  )
    return f
  if (f.startsWith('payment')) return 'payment_token'
  if (f === 'cart' || f === 'items') return 'items'
  return 'general'
}

/**
 * The shopper's side of selling: /cart (lines, discount code, totals), /checkout (address, shipping,
 * sandbox payment) and /orders/:id?token= (status). Plain forms, POST then 303; every page is private, no-store.
 */
export const registerShopRoutes = (app: FastifyInstance, kit: PageKit, d: ShopDeps): void => {
  const config = kit.deps.config
  const cookie: CookieOptions = { secure: config.NODE_ENV === 'production' }
  const maxQuantity = config.CART_MAX_QUANTITY
  const countries = CHECKOUT_COUNTRIES.includes(config.DEFAULT_COUNTRY as (typeof CHECKOUT_COUNTRIES)[number])
    ? [...CHECKOUT_COUNTRIES]
    : [config.DEFAULT_COUNTRY, ...CHECKOUT_COUNTRIES]

  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 16_384 }, (_req, body, done) =>
    done(null, Object.fromEntries(new URLSearchParams(body as string))),
  )

  // A form posted from another site must not change a shopper's cart or place orders (the Lax cookie is not sent on
  // such posts, but a new cart cookie would be set). Browsers send Origin with every POST; no Origin is let through.
  // callback-style: the page views (GET) pass without a promise
  app.addHook('preHandler', (req, reply, done) => {
    const from = req.method === 'POST' ? req.headers.origin : undefined
    if (!from) return done()
    let host = ''
    try {
      host = new URL(from).host
    } catch {
      // "null" or garbage: refused below
    }
    if (host && (host === req.headers.host || host === new URL(kit.origin(req)).host)) return done()
    kit
      .sendError(req, reply, { status: 403, heading: 'Request refused', detail: 'That form was sent from another site.' })
      .then(() => done(), done)
  })

  /** The shopper's active cart, or null (no cookie, unknown, or already checked out). */
  const currentCart = async (req: FastifyRequest): Promise<Cart | null> => {
    const id = readCookie(req, CART_COOKIE)
    if (!id) return null
    const r = await d.cart.getCart(id)
    return r.ok && r.value.status === 'active' ? r.value : null
  }

  const showCart = async (
    req: FastifyRequest,
    reply: FastifyReply,
    status: number,
    o: { cart?: Cart | null; errors?: CartErrors; discountCode?: string } = {},
  ) => {
    const cart = o.cart === undefined ? await currentCart(req) : o.cart
    return kit.sendPrivate(req, reply, status, (shell) =>
      cartPage(shell, {
        cart,
        maxQuantity,
        ...(o.errors && { errors: o.errors }),
        ...(o.discountCode !== undefined && { discountCode: o.discountCode }),
      }),
    )
  }

  const cartErrorStatus = (e: CartError): number =>
    e.code === 'CART_INSUFFICIENT_STOCK' || e.code === 'CART_QUANTITY_LIMIT' || e.code === 'CART_NOT_ACTIVE'
      ? 409
      : e.code === 'CART_NOT_FOUND'
        ? 404
        : 422
  const cartErrorText = (e: CartError): string =>
    e.code === 'CART_UNKNOWN_VARIANT' ? 'That product option is no longer available.' : e.message

  app.get('/cart', async (req, reply) => showCart(req, reply, 200))

  app.post('/cart/items', { config: { routeClass: 'cart' } }, async (req, reply) => {
    const form = readForm(addToCart, req.body)
    if (!form.ok)
      return showCart(req, reply, 422, { errors: { general: form.errors.variant_id ?? form.errors.quantity ?? 'Please try again.' } })
    const { variant_id: variantId, quantity: qty } = form.value
    const existing = await currentCart(req)
    let cartId = existing?.id
    if (!cartId) {
      const created = await d.cart.createCart({ currency: kit.currency })
      if (!created.ok) throw new Error(created.error.message)
      cartId = created.value.id
      setCookie(reply, serializeCookie(CART_COOKIE, cartId, cookie))
    }
    const r = await d.cart.addItem(cartId, { variantId, quantity: qty })
    if (!r.ok) return showCart(req, reply, cartErrorStatus(r.error), { cart: existing, errors: { general: cartErrorText(r.error) } })
    return see(reply, '/cart')
  })

  app.post<{ Params: { itemId: string } }>('/cart/items/:itemId', { config: { routeClass: 'cart' } }, async (req, reply) => {
    const cart = await currentCart(req)
    const { itemId } = req.params
    if (!cart?.items.some((i) => i.id === itemId)) return see(reply, '/cart')
    const form = readForm(cartQuantity, req.body)
    if (!form.ok) return showCart(req, reply, 422, { cart, errors: { items: { [itemId]: form.errors.quantity ?? 'Please try again.' } } })
    const qty = form.value.quantity
    const r = qty === 0 ? await d.cart.removeItem(cart.id, itemId) : await d.cart.updateItem(cart.id, itemId, qty)
    if (!r.ok) return showCart(req, reply, cartErrorStatus(r.error), { cart, errors: { items: { [itemId]: cartErrorText(r.error) } } })
    return see(reply, '/cart')
  })

  app.post<{ Params: { itemId: string } }>('/cart/items/:itemId/remove', { config: { routeClass: 'cart' } }, async (req, reply) => {
    const cart = await currentCart(req)
    if (cart?.items.some((i) => i.id === req.params.itemId)) await d.cart.removeItem(cart.id, req.params.itemId)
    return see(reply, '/cart')
  })

  app.post('/cart/discount', { config: { routeClass: 'cart' } }, async (req, reply) => {
    const cart = await currentCart(req)
    if (!cart) return see(reply, '/cart')
    const form = readForm(discountForm, req.body)
    if (!form.ok) return showCart(req, reply, 422, { cart, errors: { discount: form.errors.code ?? 'Please try again.' } })
    const { code } = form.value
    const remove = form.value.remove === '1' || code === ''
    const r = await d.cart.applyDiscount(cart.id, remove ? null : code)
    if (!r.ok) {
      const message =
        r.error.code === 'CART_INVALID_DISCOUNT' ? `The code ${code} cannot be used: ${r.error.reason}` : cartErrorText(r.error)
      return showCart(req, reply, 422, { cart, errors: { discount: message }, discountCode: code })
    }
    return see(reply, '/cart')
  })

  // ---- checkout ----

  /** The view for a form: shipping options for its country, the chosen one kept when still offered, the cart priced with it. */
  const checkoutView = async (cart: Cart, form: CheckoutForm, errors?: Errors): Promise<CheckoutView> => {
    const opts = await d.cart.shippingOptions(cart.id, form.country)
    const options = opts.ok ? opts.value : []
    const chosen = options.find((o) => o.id === form.shipping_option_id)?.id ?? options[0]?.id ?? ''
    const quote = chosen
      ? await d.cart.quote(cart.id, {
          country: form.country,
          shippingOptionId: chosen,
          email: EMAIL.test(form.email) ? form.email : '',
          ...(isRegionCode(form.region) && { region: form.region }),
        })
      : null
    return {
      cart,
      form: { ...form, shipping_option_id: chosen },
      attempt: randomBytes(16).toString('base64url'),
      options,
      countries,
      ...(quote?.ok && { priced: quote.value.cart }),
      ...(errors && { errors }),
    }
  }

  const showCheckout = async (
    req: FastifyRequest,
    reply: FastifyReply,
    status: number,
    cart: Cart,
    form: CheckoutForm,
    errors?: Errors,
  ) => {
    const view = await checkoutView(cart, form, errors)
    return kit.sendPrivate(req, reply, status, (shell) => checkoutPage(shell, view))
  }

  const formFrom = (body: unknown): CheckoutForm => {
    const country = field(body, 'country', 2).toUpperCase()
    const token = field(body, 'payment_token', 40)
    return {
      email: field(body, 'email', 254),
      name: field(body, 'name', 200),
      line1: field(body, 'line1', 200),
      city: field(body, 'city', 100),
      postal_code: field(body, 'postal_code', 20),
      region: field(body, 'region', 10).toUpperCase(),
      country: countries.includes(country) ? country : config.DEFAULT_COUNTRY,
      shipping_option_id: field(body, 'shipping_option_id', 64),
      payment_token: PAYMENT_TOKENS.some((t) => t.value === token) ? token : 'tok_ok',
    }
  }

  const addToCart = addToCartForm(maxQuantity)
  const cartQuantity = cartQuantityForm(maxQuantity)
  /** the checkout's zod schema; its messages are shown at each field (an unknown field name goes above the form) */
  const checkoutSchema = checkoutForm(countries)
  const CHECKOUT_FIELDS: readonly string[] = [
    'email',
    'name',
    'line1',
    'city',
    'postal_code',
    'region',
    'country',
    'shipping_option_id',
    'payment_token',
  ] satisfies CheckoutField[]
  const checkoutErrors = (errors: Readonly<Record<string, string>>): Errors => {
    const e: Record<string, string> = {}
    for (const [k, text] of Object.entries(errors)) e[CHECKOUT_FIELDS.includes(k) ? k : 'general'] ??= text
    return e
  }

  const errorsOf = (e: CheckoutError, cart: Cart): { status: number; errors: Errors } => {
    switch (e.code) {
      case 'CHECKOUT_PAYMENT_DECLINED':
        return { status: 402, errors: { payment_token: 'Your payment was declined. Try another card; you have not been charged.' } }
      case 'CHECKOUT_PAYMENT_UNAVAILABLE':
        return { status: 503, errors: { payment_token: 'Payment is unavailable right now. Please try again in a moment.' } }
      case 'CHECKOUT_BUSY':
        return {
          status: 503,
          errors: { general: 'The shop is very busy right now. Your cart is kept; please place the order again in a moment.' },
        }
      case 'CHECKOUT_OUT_OF_STOCK': {
        const names = e.variants.map((v) => {
          const item = cart.items.find((i) => i.variant_id === v.variant_id)
          const name = item ? `${item.product_title}${item.title && item.title !== 'Default' ? ` (${item.title})` : ''}` : v.variant_id
          return `${name}: ${v.available > 0 ? `only ${v.available} left` : 'sold out'}`
        })
        return { status: 409, errors: { items: `Not enough stock for ${names.join('; ')}. Please update your cart.` } }
      }
      case 'CHECKOUT_INVALID_REQUEST': {
        const errors: Record<string, string> = {}
        for (const f of e.fields) errors[checkoutFieldOf(f.field)] ??= f.message
        if (Object.keys(errors).length === 0) errors.general = e.message
        return { status: 422, errors }
      }
      case 'CHECKOUT_INVALID_DISCOUNT':
        return {
          status: 422,
          errors: { items: `Your discount code no longer applies (${e.message}). Remove it in your cart to continue.` },
        }
      case 'CHECKOUT_CART_NOT_ACTIVE':
        return { status: 409, errors: { general: 'This cart is already being checked out. Please wait a moment and reload.' } }
      case 'CHECKOUT_CART_NOT_FOUND':
        return { status: 404, errors: { general: 'We could not find your cart.' } }
      case 'CHECKOUT_SHIPPING_QUOTE_EXPIRED':
        return { status: 409, errors: { shipping_option_id: 'The shipping price shown has expired; please choose shipping again.' } }
    }
  }

  app.get('/checkout', async (req, reply) => {
    const cart = await currentCart(req)
    if (!cart || cart.items.length === 0) return see(reply, '/cart')
    const q = (req.query ?? {}) as Form
    const country = typeof q.country === 'string' ? q.country.toUpperCase() : ''
    const form = formFrom({ country: countries.includes(country) ? country : config.DEFAULT_COUNTRY })
    return showCheckout(req, reply, 200, cart, form)
  })

  /** What a "Place order" came to, kept per attempt so that the same form sent twice answers the same. */
  type Outcome =
    | { readonly placed: { readonly orderId: string; readonly accessToken: string } }
    | { readonly status: number; readonly errors: Errors }
    | { readonly noCart: true }

  const place = async (req: FastifyRequest, form: CheckoutForm): Promise<Outcome> => {
    const cart = await currentCart(req)
    if (!cart || cart.items.length === 0) return { noCart: true }
    const checked = readForm(checkoutSchema, req.body)
    if (!checked.ok) return { status: 422, errors: checkoutErrors(checked.errors) }
    const r = await d.checkout.placeOrder({
      cartId: cart.id,
      email: form.email,
      shippingAddress: {
        name: form.name,
        line1: form.line1,
        city: form.city,
        postal_code: form.postal_code,
        country: form.country,
        ...(form.region && { region: form.region }),
      },
      shippingOptionId: form.shipping_option_id,
      payment: { provider: 'sandbox', token: form.payment_token },
    })
    if (r.ok) return { placed: { orderId: r.value.order.id, accessToken: r.value.accessToken } }
    // the gateway is still deciding: the order exists, pending; its page shows where it stands
    if (r.error.code === 'CHECKOUT_PAYMENT_UNAVAILABLE' && r.error.order_id && r.error.access_token)
      return { placed: { orderId: r.error.order_id, accessToken: r.error.access_token } }
    if (r.error.code === 'CHECKOUT_CART_NOT_FOUND') return { noCart: true }
    return errorsOf(r.error, cart)
  }

  app.post('/checkout', { config: { routeClass: 'checkout' } }, async (req, reply) => {
    const form = formFrom(req.body)
    const cartId = readCookie(req, CART_COOKIE)
    if (field(req.body, 'action', 20) === 'shipping') {
      const cart = await currentCart(req)
      return cart && cart.items.length > 0 ? showCheckout(req, reply, 200, cart, form) : see(reply, '/cart')
    }
    // a double-click sends the form twice: the second sending waits for the first one's order
    const attempt = field(req.body, 'attempt', 64)
    const once =
      d.once && cartId && ATTEMPT.test(attempt)
        ? await d.once(`storefront checkout ${cartId}`, attempt, () => place(req, form))
        : ({ kind: 'ran', value: await place(req, form) } as const)
    if (once.kind === 'busy') {
      reply.header('retry-after', '5')
      return kit.sendError(req, reply, {
        status: 409,
        heading: 'Your order is still being placed',
        detail: 'We are still waiting for the payment to be confirmed. Once it is, your confirmation e-mail has the link to your order.',
        link: { href: '/orders/lookup', text: 'Find your order' },
      })
    }
    const outcome = once.value
    if ('placed' in outcome) return showPlaced(reply, outcome.placed.orderId, outcome.placed.accessToken)
    if ('noCart' in outcome) return see(reply, '/cart')
    if (outcome.status === 503) reply.header('retry-after', '5')
    // the cart as it is now, whatever its state (a refusal may have left it claimed by another sending)
    const cart = cartId ? await d.cart.getCart(cartId) : null
    if (!cart?.ok) return see(reply, '/cart')
    return showCheckout(req, reply, outcome.status, cart.value, form, outcome.errors)
  })

  /** The cart is done with: on to the order's own page (its token in the link, as in the confirmation e-mail). */
  const showPlaced = (reply: FastifyReply, orderId: string, accessToken: string) => {
    clearCookie(reply, CART_COOKIE, cookie)
    setCookie(reply, serializeCookie(PLACED_COOKIE, orderId, { ...cookie, path: '/orders', maxAgeSeconds: 600 }))
    return see(reply, `/orders/${encodeURIComponent(orderId)}?token=${encodeURIComponent(accessToken)}`)
  }

  // ---- order status ----

  app.get<{ Params: { id: string } }>('/orders/:id', async (req, reply) => {
    const notFound = () =>
      kit.sendError(req, reply, {
        status: 404,
        heading: 'Order not found',
        detail: 'We could not find that order. Please use the link from your order confirmation, or look it up with its number.',
        link: { href: '/orders/lookup', text: 'Find your order' },
      })
    const { id } = req.params
    const token = ((req.query ?? {}) as Form).token
    if (!ID.test(id) || typeof token !== 'string' || token.length === 0 || token.length > 256) return notFound()
    const r = await d.orders.getOrderForShopper({ id, accessToken: token })
    if (!r.ok) return notFound()
    const justPlaced = readCookie(req, PLACED_COOKIE) === id
    if (justPlaced) clearCookie(reply, PLACED_COOKIE, { ...cookie, path: '/orders' })
    const shipments = (await d.shipments?.(id)) ?? []
    const q = (req.query ?? {}) as Form
    const returns =
      d.returns &&
      orderReturns(r.value, {
        returns: await d.returns.listForOrder(id),
        exchangeChoices: await exchangeChoices(kit.deps.catalog, r.value),
        token,
        ...(typeof q.return_error === 'string' && { error: q.return_error.slice(0, 40) }),
        ...(typeof q.return_requested === 'string' && { requested: q.return_requested.slice(0, 64) }),
      })
    return kit.sendPrivate(req, reply, 200, (shell) =>
      orderPage(shell, r.value, { justPlaced, taxInclusive: config.PRICES_INCLUDE_TAX, shipments, ...(returns && { returns }) }),
    )
  })

  registerOrderLookupRoutes(app, kit, {
    orders: d.orders,
    ...(d.shipments && { shipments: d.shipments }),
    ...(d.returns && { returns: d.returns }),
  })
  if (d.returns) registerReturnRoutes(app, kit, { returns: d.returns, orders: d.orders, ...(d.shipments && { shipments: d.shipments }) })
}
