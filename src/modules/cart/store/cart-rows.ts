import { and, asc, eq, sql } from 'drizzle-orm'
import type { Executor } from '../../../platform/db/database.ts'
import { cartItems, carts } from '../schema.ts'

export type CartRow = typeof carts.$inferSelect
export type ItemRow = typeof cartItems.$inferSelect

/** The cart and its lines in one statement (a left join), or null. */
export const readCart = async (db: Executor, id: string): Promise<{ cart: CartRow; items: ItemRow[] } | null> => {
  const rows = await db
    .select({ cart: carts, item: cartItems })
    .from(carts)
    .leftJoin(cartItems, eq(cartItems.cartId, carts.id))
    .where(eq(carts.id, id))
    .orderBy(asc(cartItems.createdAt), asc(cartItems.id))
  const first = rows[0]
  if (!first) return null
  return { cart: first.cart, items: rows.flatMap((r) => (r.item ? [r.item] : [])) }
}

export const touchCart = (db: Executor, id: string, set: Partial<Pick<CartRow, 'discountCode' | 'status' | 'email'>> = {}) =>
  db
    .update(carts)
    .set({ ...set, updatedAt: sql`now()` })
    .where(eq(carts.id, id))
    .returning()

/**
 * Adds units to a line (or creates it) only while the line stays within the limit: one statement.
 * Returns the line as it now is, or null when the limit would be passed.
 */
export const addToLine = async (
  db: Executor,
  row: { id: string; cartId: string; variantId: string; quantity: number; unitPrice: number },
  limit: number,
): Promise<ItemRow | null> => {
  const [line] = await db
    .insert(cartItems)
    .values(row)
    .onConflictDoUpdate({
      target: [cartItems.cartId, cartItems.variantId],
      set: { quantity: sql`${cartItems.quantity} + excluded.quantity`, unitPrice: sql`excluded.unit_price` },
      setWhere: sql`${cartItems.quantity} + excluded.quantity <= ${limit}`,
    })
    .returning()
  return line ?? null
}

export const setLineQuantity = (db: Executor, cartId: string, itemId: string, quantity: number, unitPrice: number) =>
  db
    .update(cartItems)
    .set({ quantity, unitPrice })
    .where(and(eq(cartItems.cartId, cartId), eq(cartItems.id, itemId)))
    .returning({ id: cartItems.id })

export const deleteLine = (db: Executor, cartId: string, itemId: string) =>
  db
    .delete(cartItems)
    .where(and(eq(cartItems.cartId, cartId), eq(cartItems.id, itemId)))
    .returning({ id: cartItems.id })
