import { appendEvents } from '../../../platform/outbox/append-event.ts'
import type { CartAbandonedV1 } from '../events.ts'
import { CART_TOPICS } from '../events.ts'
import { type AbandonedCandidate, findAbandoned, markReminded } from '../store/abandoned-sql.ts'
import { readCart } from '../store/cart-rows.ts'
import type { AbandonedCartsDeps, CartReminder } from './abandoned-carts-deps.ts'

export type ReminderRun = { readonly reminded: number; readonly skipped: number; readonly lost: number }

type Decision = 'reminded' | 'skipped' | 'lost'

/** Everything the e-mail says, read before the transaction (the catalog and customers are other modules). */
const prepare = async (d: AbandonedCartsDeps, c: AbandonedCandidate) => {
  const loaded = await readCart(d.db.orm, c.id)
  if (!loaded || loaded.items.length === 0) return null
  const snapshots = await d.variants(
    loaded.items.map((i) => i.variantId),
    c.currency,
  )
  const items = loaded.items.map((i) => {
    const s = snapshots.get(i.variantId)
    return { title: s ? `${s.product_title} — ${s.title}` : 'An item no longer sold', quantity: i.quantity }
  })
  const subtotal = loaded.items.reduce((n, i) => n + i.unitPrice * i.quantity, 0)
  const contact = c.email ? { email: c.email } : c.customer_id ? await d.contactOf(c.customer_id) : null
  return { items, subtotal, contact }
}

/**
 * One cart: decide in one transaction — mark it (conditional write), queue its e-mail and append
 * `cart.cart_abandoned.v1` — so a crash leaves either all three or none, and a racing run that
 * lost the mark queues nothing.
 */
const decide = async (d: AbandonedCartsDeps, c: AbandonedCandidate): Promise<Decision> => {
  const p = await prepare(d, c)
  if (!p) return 'lost'
  const reminder: CartReminder | null = p.contact
    ? {
        key: `cart_reminder:${c.id}`,
        to: p.contact.email,
        data: {
          cartId: c.id,
          cartPath: `/cart/return/${c.id}`,
          items: p.items,
          subtotal: p.subtotal,
          currency: c.currency,
          ...(p.contact.name && { customerName: p.contact.name }),
        },
      }
    : null
  return d.db.orm.transaction(async (tx) => {
    const won = await markReminded(tx, { id: c.id, updatedAt: c.updated_at, reminder: reminder ? 'sent' : 'skipped', at: d.clock.now() })
    if (!won) return 'lost'
    if (reminder) await d.queueReminder(reminder, tx)
    const payload: CartAbandonedV1 = {
      cart_id: c.id,
      customer_id: c.customer_id,
      currency: c.currency,
      subtotal: p.subtotal,
      item_count: p.items.reduce((n, i) => n + i.quantity, 0),
      idle_since: c.updated_at.toISOString(),
      reminded: reminder !== null,
    }
    await appendEvents(tx, [{ topic: CART_TOPICS.cartAbandoned, aggregateId: c.id, payload }])
    return reminder ? 'reminded' : 'skipped'
  })
}

/** One run of the abandoned-cart job: the oldest idle carts, one reminder each, ever. */
export const remindAbandonedCarts = (d: AbandonedCartsDeps) => async (): Promise<ReminderRun> => {
  const run = { reminded: 0, skipped: 0, lost: 0 }
  if (d.options.afterMs <= 0) return run
  const cutoff = new Date(d.clock.now().getTime() - d.options.afterMs)
  for (const c of await findAbandoned(d.db.orm, { cutoff, limit: d.options.batchSize })) run[await decide(d, c)]++
  return run
}
