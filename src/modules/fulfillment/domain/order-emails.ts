import type { Order } from '../../orders/index.ts'
import type { ShipmentItem } from '../schema.ts'

/**
 * The e-mails order processing asks for, shaped as the notifications module's templates take
 * them (docs/notifications.md); app.ts hands them to `notifications.enqueue` in the caller's
 * transaction. The key makes each one of a kind.
 */
type OrderRef = { readonly orderId: string; readonly orderNumber: string; readonly customerName?: string; readonly orderPath?: string }
type Line = { readonly title: string; readonly quantity: number; readonly sku?: string }

export type ConfirmationData = OrderRef & {
  readonly currency: string
  readonly items: (Line & { readonly unitPrice: number; readonly total: number })[]
  readonly subtotal: number
  readonly discountTotal?: number
  readonly shippingTotal?: number
  readonly taxTotal?: number
  readonly taxIncluded?: boolean
  readonly total: number
  readonly shippingAddress?: {
    readonly name: string
    readonly line1: string
    readonly line2?: string
    readonly city: string
    readonly region?: string
    readonly postalCode: string
    readonly country: string
  }
  readonly shippingMethod?: string
}

export type OrderEmail = { readonly key: string; readonly to: string } & (
  | { readonly template: 'order_confirmation'; readonly data: ConfirmationData }
  | {
      readonly template: 'order_shipped'
      readonly data: OrderRef & {
        readonly carrier: string
        readonly trackingNumber: string
        readonly trackingUrl: string
        readonly items?: Line[]
      }
    }
  | { readonly template: 'order_delivered'; readonly data: OrderRef }
)

/**
 * Only checkout knows an order's access token, so e-mails link the order look-up page (number
 * filled in; the shopper types the e-mail address) rather than the order page itself.
 */
export const lookupPath = (number: string): string => `/orders/lookup?number=${encodeURIComponent(number)}`

const refOf = (o: Pick<Order, 'id' | 'number' | 'shipping_address'>): OrderRef => ({
  orderId: o.id,
  orderNumber: o.number,
  orderPath: lookupPath(o.number),
  ...(o.shipping_address.name.trim() && { customerName: o.shipping_address.name.trim() }),
})

const optional = <K extends string>(key: K, v: string | undefined) => (v?.trim() ? ({ [key]: v.trim() } as Record<K, string>) : {})

export const confirmationEmail = (o: Order, opts: { readonly taxIncluded: boolean }): OrderEmail => {
  const a = o.shipping_address
  return {
    key: `order_confirmation:${o.id}`,
    to: o.email,
    template: 'order_confirmation',
    data: {
      ...refOf(o),
      currency: o.currency,
      items: o.items.map((i) => ({
        title: i.title,
        quantity: i.quantity,
        sku: i.sku,
        unitPrice: i.unit_price.amount,
        total: i.total.amount,
      })),
      subtotal: o.subtotal.amount,
      discountTotal: o.discount_total.amount,
      shippingTotal: o.shipping_total.amount,
      taxTotal: o.tax_total.amount,
      taxIncluded: opts.taxIncluded,
      total: o.total.amount,
      shippingAddress: {
        name: a.name,
        line1: a.line1,
        city: a.city,
        postalCode: a.postal_code,
        country: a.country,
        ...optional('line2', a.line2),
        ...optional('region', a.region),
      },
      ...optional('shippingMethod', o.shipping_option?.name),
    },
  }
}

export const shippedEmail = (
  o: Pick<Order, 'id' | 'number' | 'email' | 'shipping_address'>,
  s: {
    readonly id: string
    readonly carrier: string
    readonly trackingNumber: string
    readonly trackingUrl: string
    readonly items: readonly ShipmentItem[]
  },
): OrderEmail => ({
  key: `order_shipped:${s.id}`,
  to: o.email,
  template: 'order_shipped',
  data: {
    ...refOf(o),
    carrier: s.carrier,
    trackingNumber: s.trackingNumber,
    trackingUrl: s.trackingUrl,
    items: s.items.map((i) => ({ title: i.title, quantity: i.quantity, sku: i.sku })),
  },
})

export const deliveredEmail = (o: Pick<Order, 'id' | 'number' | 'email' | 'shipping_address'>): OrderEmail => ({
  key: `order_delivered:${o.id}`,
  to: o.email,
  template: 'order_delivered',
  data: refOf(o),
})
