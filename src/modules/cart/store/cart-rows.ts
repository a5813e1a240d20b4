import { and, asc, eq, sql } from 'drizzle-orm'
import { compiled, compiledSql } from '../../../platform/db/compiled-statement.ts'
import type { Executor } from '../../../platform/db/database.ts'
import { cartItems, carts } from '../schema.ts'

export type CartRow = typeof carts.$inferSelect
export type ItemRow = typeof cartItems.$inferSelect

/** The cart and its lines in one statement (a left join), or null. */
const cartWithItems = compiled((db) =>
  db
    .select({ cart: carts, item: cartItems })
    .from(carts)
    .leftJoin(cartItems, eq(cartItems.cartId, carts.id))
    .where(eq(carts.id, sql.placeholder('id')))
    .orderBy(asc(cartItems.createdAt), asc(cartItems.id)),
)

export const readCart = async (db: Executor, id: string): Promise<{ cart: CartRow; items: ItemRow[] } | null> => {
  const rows = await cartWithItems(db, { id })
  const first = rows[0]
  if (!first) return null
  return { cart: first.cart, items: rows.flatMap((r) => (r.item ? [r.item] : [])) }
}

type CartChange = Partial<Pick<CartRow, 'discountCode' | 'status' | 'email'>>

// the two changes every checkout makes, built once
const touchOnly = compiled((db) =>
  db
    .update(carts)
    .set({ updatedAt: sql`now()` })
    .where(eq(carts.id, sql.placeholder('id')))
    .returning(),
)
const touchWithStatus = compiled((db) =>
  db
    .update(carts)
    .set({ status: sql`${sql.placeholder('status')}`, updatedAt: sql`now()` })
    .where(eq(carts.id, sql.placeholder('id')))
    .returning(),
)

/** Marks the cart changed now, with the given fields; returns the cart as it now is (none when unknown). */
export const touchCart = (db: Executor, id: string, set: CartChange = {}): Promise<CartRow[]> => {
  const fields = Object.keys(set)
  if (fields.length === 0) return touchOnly(db, { id })
  if (fields.length === 1 && set.status !== undefined) return touchWithStatus(db, { id, status: set.status })
  return db
    .update(carts)
    .set({ ...set, updatedAt: sql`now()` })
    .where(eq(carts.id, id))
    .returning()
}

/**
 * Adds units to a line (or creates it) only while the line stays within the limit, and marks the
 * cart changed: one statement. Returns the line as it now is and the cart's new `updated_at`, or
 * null when the limit would be passed (then nothing is written).
 */
export const addToLine = async (
  db: Executor,
  row: { id: string; cartId: string; variantId: string; quantity: number; unitPrice: number },
  limit: number,
): Promise<{ line: ItemRow; cartUpdatedAt: Date | null } | null> => {
  const [r] = await addOrGrowLine(db, { ...row, limit })
  if (!r) return null
  const { cartUpdatedAt, createdAt, ...line } = r
  return { line: { ...line, createdAt: new Date(createdAt) }, cartUpdatedAt: cartUpdatedAt === null ? null : new Date(cartUpdatedAt) }
}

type LineAndTouch = Omit<ItemRow, 'createdAt'> & { createdAt: string; cartUpdatedAt: string | null }

const addOrGrowLine = compiledSql<
  LineAndTouch,
  { id: string; cartId: string; variantId: string; quantity: number; unitPrice: number; limit: number }
>((db) => {
  const insert = db
    .insert(cartItems)
    .values({
      id: sql.placeholder('id'),
      cartId: sql.placeholder('cartId'),
      variantId: sql.placeholder('variantId'),
      quantity: sql.placeholder('quantity'),
      unitPrice: sql.placeholder('unitPrice'),
    })
    .onConflictDoUpdate({
      target: [cartItems.cartId, cartItems.variantId],
      set: { quantity: sql`${cartItems.quantity} + excluded.quantity`, unitPrice: sql`excluded.unit_price` },
      setWhere: sql`${cartItems.quantity} + excluded.quantity <= ${sql.placeholder('limit')}`,
    })
    .returning()
    .getSQL()
  return sql`
    with line as (${insert}), touched as (
      update cart.carts set updated_at = now() where id = ${sql.placeholder('cartId')} and exists (select 1 from line)
      returning updated_at
    )
    select line.id, line.cart_id as "cartId", line.variant_id as "variantId", line.quantity, line.unit_price as "unitPrice",
      line.created_at as "createdAt", (select updated_at from touched) as "cartUpdatedAt"
    from line`
})

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
