import { and, asc, eq, sql } from 'drizzle-orm'
import type { Executor } from '../../../platform/db/database.ts'
import { cartItems, carts } from '../schema.ts'

export type CartRow = typeof carts.$inferSelect
export type ItemRow = typeof cartItems.$inferSelect

export const readCart = async (db: Executor, id: string): Promise<{ cart: CartRow; items: ItemRow[] } | null> => {
  const [[cart], items] = await Promise.all([
    db.select().from(carts).where(eq(carts.id, id)),
    db.select().from(cartItems).where(eq(cartItems.cartId, id)).orderBy(asc(cartItems.createdAt), asc(cartItems.id)),
  ])
  return cart ? { cart, items } : null
}

export const touchCart = (db: Executor, id: string, set: Partial<Pick<CartRow, 'discountCode' | 'status' | 'email'>> = {}) =>
  db.update(carts).set({ ...set, updatedAt: sql`now()` }).where(eq(carts.id, id))

/** Adds units to a line (or creates it) only while the line stays within the limit: one statement. */
export const addToLine = async (
  db: Executor,
  row: { id: string; cartId: string; variantId: string; quantity: number; unitPrice: number },
  limit: number,
): Promise<boolean> => {
  const r = await db
    .insert(cartItems)
    .values(row)
    .onConflictDoUpdate({
      target: [cartItems.cartId, cartItems.variantId],
      set: { quantity: sql`${cartItems.quantity} + excluded.quantity`, unitPrice: sql`excluded.unit_price` },
      setWhere: sql`${cartItems.quantity} + excluded.quantity <= ${limit}`,
    })
    .returning({ id: cartItems.id })
  return r.length > 0
}

export const setLineQuantity = (db: Executor, cartId: string, itemId: string, quantity: number, unitPrice: number) =>
  db.update(cartItems).set({ quantity, unitPrice }).where(and(eq(cartItems.cartId, cartId), eq(cartItems.id, itemId))).returning({ id: cartItems.id })

export const deleteLine = (db: Executor, cartId: string, itemId: string) =>
  db.delete(cartItems).where(and(eq(cartItems.cartId, cartId), eq(cartItems.id, itemId))).returning({ id: cartItems.id })
