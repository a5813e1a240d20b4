import { err, ok, type Result } from '../../../platform/result.ts'
import type { VariantSnapshot } from '../../catalog/index.ts'
import type { Cart } from '../contract.ts'
import type { CartDeps } from '../deps.ts'
import type { CartError } from '../errors.ts'
import { type CartRow, type ItemRow, readCart } from '../store/cart-rows.ts'
import { priceCart } from './price-cart.ts'

export const notFound = (id: string) => err({ code: 'CART_NOT_FOUND' as const, message: `No cart "${id}".` })

/** The cart and its lines, if it exists and can still be changed. */
export const activeCart = async (d: CartDeps, id: string): Promise<Result<{ cart: CartRow; items: ItemRow[] }, CartError>> => {
  const loaded = await readCart(d.db.orm, id)
  if (!loaded) return notFound(id)
  if (loaded.cart.status !== 'active') {
    return err({ code: 'CART_NOT_ACTIVE', message: 'This cart has been checked out; start a new one.', status: loaded.cart.status })
  }
  return ok(loaded)
}

export const viewOf = async (d: CartDeps, id: string): Promise<Result<Cart, CartError>> => {
  const loaded = await readCart(d.db.orm, id)
  if (!loaded) return notFound(id)
  return viewFrom(d, loaded.cart, loaded.items)
}

/** The cart as the API shows it, from rows the caller holds (and their variants, when read already). */
export const viewFrom = async (
  d: CartDeps,
  cart: CartRow,
  items: readonly ItemRow[],
  snapshots?: ReadonlyMap<string, VariantSnapshot>,
): Promise<Result<Cart, CartError>> => {
  const priced = await priceCart(d, cart, items, snapshots ? { snapshots } : {})
  if (!priced.ok) return err({ code: 'CART_INVALID_DISCOUNT', message: priced.error.reason, reason: priced.error.reason })
  return ok(priced.value.view)
}
