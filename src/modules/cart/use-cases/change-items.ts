import { err } from '../../../platform/result.ts'
import type { CartApi } from '../contract.ts'
import type { CartDeps } from '../deps.ts'
import { addToLine, deleteLine, setLineQuantity, touchCart } from '../store/cart-rows.ts'
import { activeCart, viewFrom, viewOf } from './load-cart.ts'

export const addItem =
  (d: CartDeps): CartApi['addItem'] =>
  async (cartId, { variantId, quantity }) => {
    const loaded = await activeCart(d, cartId)
    if (!loaded.ok) return loaded
    const { cart, items } = loaded.value
    const existing = items.find((i) => i.variantId === variantId)
    if (!existing && items.length >= d.options.maxLines) {
      return err({
        code: 'CART_QUANTITY_LIMIT',
        message: `A cart holds at most ${d.options.maxLines} different items.`,
        limit: d.options.maxLines,
      })
    }
    const ids = [...new Set([...items.map((i) => i.variantId), variantId])]
    const [snap, stock] = await Promise.all([d.variants(ids, cart.currency), d.available([variantId])])
    const s = snap.get(variantId)
    if (!s) return err({ code: 'CART_UNKNOWN_VARIANT', message: `No variant "${variantId}".`, variant_id: variantId })
    if (!s.purchasable || !s.price)
      return err({
        code: 'CART_NOT_PURCHASABLE',
        message: `${s.product_title} (${s.title}) cannot be bought in ${cart.currency}.`,
        variant_id: variantId,
      })
    const wanted = (existing?.quantity ?? 0) + quantity
    const available = stock.get(variantId) ?? 0
    if (wanted > available) {
      return err({
        code: 'CART_INSUFFICIENT_STOCK',
        message: `Only ${available} of ${s.product_title} (${s.title}) available.`,
        variant_id: variantId,
        available,
      })
    }
    const added = await addToLine(
      d.db.orm,
      { id: d.newId('item'), cartId, variantId, quantity, unitPrice: s.price.amount },
      d.options.maxQuantityPerLine,
    )
    if (!added)
      return err({
        code: 'CART_QUANTITY_LIMIT',
        message: `At most ${d.options.maxQuantityPerLine} of one item per order.`,
        limit: d.options.maxQuantityPerLine,
      })
    const { line } = added
    const lines = existing ? items.map((i) => (i.id === line.id ? line : i)) : [...items, line]
    return viewFrom(d, { ...cart, updatedAt: added.cartUpdatedAt ?? cart.updatedAt }, lines, snap)
  }

export const updateItem =
  (d: CartDeps): CartApi['updateItem'] =>
  async (cartId, itemId, quantity) => {
    const loaded = await activeCart(d, cartId)
    if (!loaded.ok) return loaded
    const item = loaded.value.items.find((i) => i.id === itemId)
    if (!item) return err({ code: 'CART_ITEM_NOT_FOUND', message: `No item "${itemId}" in this cart.` })
    if (quantity === 0) return removeItem(d)(cartId, itemId)
    if (quantity > d.options.maxQuantityPerLine) {
      return err({
        code: 'CART_QUANTITY_LIMIT',
        message: `At most ${d.options.maxQuantityPerLine} of one item per order.`,
        limit: d.options.maxQuantityPerLine,
      })
    }
    const [snap, stock] = await Promise.all([d.variants([item.variantId], loaded.value.cart.currency), d.available([item.variantId])])
    const available = stock.get(item.variantId) ?? 0
    if (quantity > available) {
      return err({ code: 'CART_INSUFFICIENT_STOCK', message: `Only ${available} available.`, variant_id: item.variantId, available })
    }
    await setLineQuantity(d.db.orm, cartId, itemId, quantity, snap.get(item.variantId)?.price?.amount ?? item.unitPrice)
    await touchCart(d.db.orm, cartId)
    return viewOf(d, cartId)
  }

export const removeItem =
  (d: CartDeps): CartApi['removeItem'] =>
  async (cartId, itemId) => {
    const loaded = await activeCart(d, cartId)
    if (!loaded.ok) return loaded
    const gone = await deleteLine(d.db.orm, cartId, itemId)
    if (gone.length === 0) return err({ code: 'CART_ITEM_NOT_FOUND', message: `No item "${itemId}" in this cart.` })
    await touchCart(d.db.orm, cartId)
    return viewOf(d, cartId)
  }
