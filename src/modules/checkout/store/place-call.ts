import { sql } from 'drizzle-orm'
import { compiledSql } from '../../../platform/db/compiled-statement.ts'
import type { Executor } from '../../../platform/db/database.ts'

/**
 * What `checkout.place` answers (migration 0013): the cart was not active, or the stock could not be
 * held whole at one location (with the units free over all locations), both with nothing written;
 * or the order's number and, with a hold, where it was held and the units left free there.
 */
export type PlaceAnswer = { refused: 'cart_not_active' } | { not_held: number } | { number: number; location_id?: string; free?: number }

type PlaceValues = {
  cartId: string
  email: string | null
  order: string
  items: string
  history: string
  event: string
  pending: string
  hold: string | null
}

const p = (name: keyof PlaceValues) => sql.placeholder(name)

const placeStatement = compiledSql<{ answer: PlaceAnswer | string }, PlaceValues>(
  () => sql`select checkout.place(${p('cartId')}, ${p('email')}, ${p('order')}::jsonb, ${p('items')}::jsonb, ${p('history')}::jsonb,
    ${p('event')}::jsonb, ${p('pending')}::jsonb, ${p('hold')}::jsonb) as answer`,
)

/** One call of `checkout.place`: claim the cart, create the order, record the pending payment and, with `hold`, hold the stock. */
export const callPlace = async (ex: Executor, values: PlaceValues): Promise<PlaceAnswer> => {
  const [row] = await placeStatement(ex, values)
  if (!row) throw new Error('checkout.place answered no row')
  return typeof row.answer === 'string' ? (JSON.parse(row.answer) as PlaceAnswer) : row.answer
}
