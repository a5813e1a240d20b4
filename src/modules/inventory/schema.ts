import { sql } from 'drizzle-orm'
import { boolean, check, index, integer, pgSchema, primaryKey, text, timestamp } from 'drizzle-orm/pg-core'

export const inventorySchema = pgSchema('inventory')

export const stockLocations = inventorySchema.table('stock_locations', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  servesStorefront: boolean('serves_storefront').notNull().default(true),
  isDefault: boolean('is_default').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
})

/** The invariant 0 ≤ reserved ≤ on_hand is enforced by the database itself. */
export const stockLevels = inventorySchema.table(
  'stock_levels',
  {
    variantId: text('variant_id').notNull(),
    locationId: text('location_id').notNull(),
    onHand: integer('on_hand').notNull().default(0),
    reserved: integer('reserved').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.variantId, t.locationId] }),
    index('stock_levels_location_idx').on(t.locationId),
    check('stock_levels_reserved_check', sql`${t.reserved} >= 0 and ${t.reserved} <= ${t.onHand}`),
  ],
)

/**
 * Units held for an order: `active` until payment is authorised (then `committed`) or until it
 * expires / the order fails (then `released`). `reserved` on stock_levels is the sum of the
 * active and committed rows for that variant and location.
 */
export const reservations = inventorySchema.table(
  'reservations',
  {
    id: text('id').primaryKey(),
    ref: text('ref').notNull(),
    variantId: text('variant_id').notNull(),
    locationId: text('location_id').notNull(),
    quantity: integer('quantity').notNull(),
    status: text('status', { enum: ['active', 'committed', 'released', 'fulfilled'] })
      .notNull()
      .default('active'),
    expiresAt: timestamp('expires_at', { withTimezone: true, precision: 3 }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    index('reservations_ref_idx').on(t.ref),
    // for the expiry sweep only: the predicate names the key the sweep bounds (decision 0027)
    index('reservations_expiry_idx').on(t.expiresAt).where(sql`${t.status} = 'active' and ${t.expiresAt} is not null`),
    check('reservations_quantity_check', sql`${t.quantity} > 0`),
  ],
)
