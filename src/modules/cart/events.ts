/** Events the cart module publishes (docs/events.md). */
export const CART_TOPICS = {
  /** a cart with items was left idle past the abandoned-cart delay; published once per cart */
  cartAbandoned: 'cart.cart_abandoned.v1',
} as const

/**
 * `reminded`: an e-mail reminder was queued (false when there was no address to write to). No
 * e-mail address is carried: consumers that need one ask the customers module by `customer_id`.
 */
export type CartAbandonedV1 = {
  readonly cart_id: string
  readonly customer_id: string | null
  readonly currency: string
  readonly item_count: number
  readonly subtotal: number
  readonly idle_since: string
  readonly reminded: boolean
}
