import { and, eq, isNull, or, sql } from 'drizzle-orm'
import type { Executor } from '../../../platform/db/database.ts'
import { anonymisedAddress, ERASED_EMAIL } from '../domain/anonymise-order.ts'
import { orders } from '../schema.ts'

/** Guest orders (no customer) placed with `email` join the account: one conditional update. */
export const attachByEmail = async (ex: Executor, email: string, customerId: string, now: Date): Promise<number> =>
  (
    await ex
      .update(orders)
      .set({ customerId, updatedAt: now })
      .where(and(eq(orders.email, email), isNull(orders.customerId)))
      .returning({ id: orders.id })
  ).length

/** The account's orders, and with `email` (a verified address) the guest orders placed with it too. */
const ofCustomer = (customerId: string, email: string | undefined) =>
  email ? or(eq(orders.customerId, customerId), eq(orders.email, email)) : eq(orders.customerId, customerId)

/** The statuses of every order of a customer (by account, or by its e-mail as a guest), locked for the erasure. */
export const lockCustomerOrders = (ex: Executor, customerId: string, email: string | undefined) =>
  ex
    .select({ id: orders.id, status: orders.status, fulfillment_status: orders.fulfillmentStatus })
    .from(orders)
    .where(ofCustomer(customerId, email))
    .for('update')

/** Personal fields replaced (e-mail, customer link, address but its country); figures untouched. The orders' ids. */
export const anonymiseRows = async (ex: Executor, customerId: string, email: string | undefined, now: Date): Promise<string[]> => {
  const erased = anonymisedAddress({ country: '' })
  const address = sql`jsonb_build_object('name', ${erased.name}::text, 'line1', ${erased.line1}::text, 'city', ${erased.city}::text,
    'postal_code', ${erased.postal_code}::text, 'country', coalesce(${orders.shippingAddress}->>'country', ''))`
  const rows = await ex
    .update(orders)
    .set({ email: ERASED_EMAIL, customerId: null, shippingAddress: address, updatedAt: now })
    .where(ofCustomer(customerId, email))
    .returning({ id: orders.id })
  return rows.map((r) => r.id)
}
