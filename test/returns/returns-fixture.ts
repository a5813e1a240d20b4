import { sql } from 'drizzle-orm'
import { DEMO_LOCATIONS } from '../../src/cli/seed.ts'
import type { Order } from '../../src/modules/orders/index.ts'
import { queryRows } from '../../src/platform/db/database.ts'
import { post } from '../checkout/shop.ts'
import { advance, placeOrder, type Shop, waitForOrder, waitForParcels } from '../processing/processing-fixture.ts'

export const WAREHOUSE = DEMO_LOCATIONS.warehouse.id
export const STORE = DEMO_LOCATIONS.store.id

/** Places an order through the store API and walks its parcel to delivered at the sandbox carrier: completed and captured. */
export const deliveredOrder = async (
  s: Shop,
  lines: readonly { variantId: string; quantity: number }[],
): Promise<Order & { access_token: string }> => {
  const order = await placeOrder(s.t, lines)
  const [parcel] = await waitForParcels(s, order.id, 'the parcel', (p) => p.length === 1)
  if (!parcel) throw new Error('no parcel')
  for (let i = 0; i < 3; i++) await advance(s, parcel.carrier_shipment_id)
  await waitForOrder(s, order.id, 'delivered and captured', (o) => o.status === 'completed' && o.payment_status === 'captured')
  return order
}

export const storeReturn = (s: Shop, orderId: string, token: string, body: unknown) =>
  post(`${s.t.url}/store/orders/${orderId}/returns`, body, { 'x-order-token': token })

export const stockAtLocation = async (s: Shop, variantId: string, locationId: string): Promise<{ on_hand: number; reserved: number }> => {
  const r = await s.t.modules.inventory.getStock(variantId)
  if (!r.ok) throw new Error(r.error.message)
  const level = r.value.levels.find((l) => l.location_id === locationId)
  return { on_hand: level?.on_hand ?? 0, reserved: level?.reserved ?? 0 }
}

export const outboxTopics = async (s: Shop, aggregateId: string): Promise<string[]> =>
  (
    await queryRows<{ topic: string }>(
      s.t.engines.db.orm,
      sql`select topic from platform.outbox where aggregate_id = ${aggregateId} order by created_at, id`,
    )
  ).map((r) => r.topic)

/** Moves the order's delivery back in time (its history's "completed" entry), to test the return window. */
export const deliveredDaysAgo = async (s: Shop, orderId: string, days: number): Promise<void> => {
  await s.t.engines.db.orm.execute(
    sql`update orders.history set at = now() - make_interval(days => ${days}) where order_id = ${orderId} and field = 'status' and to_value = 'completed'`,
  )
}

/** Sets the variant's price in EUR (for exchange rules). */
export const priceVariant = async (s: Shop, variantId: string, amount: number): Promise<void> => {
  const r = await s.t.modules.catalog.updateVariant(variantId, { prices: [{ amount, currency: 'EUR' }] })
  if (!r.ok) throw new Error(r.error.message)
}
