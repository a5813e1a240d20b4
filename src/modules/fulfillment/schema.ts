import { integer, jsonb, pgSchema, text } from 'drizzle-orm/pg-core'

export const fulfillmentSchema = pgSchema('fulfillment')

export const shippingZones = fulfillmentSchema.table('zones', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** ISO country codes; ['*'] for the rest of the world */
  countries: jsonb('countries').$type<string[]>().notNull(),
})

/** flat: amount; weight: amount + per_kg per started kilogram; free above free_above (subtotal). */
export const shippingOptions = fulfillmentSchema.table('shipping_options', {
  id: text('id').primaryKey(),
  zoneId: text('zone_id').notNull(),
  name: text('name').notNull(),
  kind: text('kind', { enum: ['flat', 'weight'] }).notNull(),
  currency: text('currency').notNull(),
  amount: integer('amount').notNull(),
  perKg: integer('per_kg').notNull().default(0),
  freeAbove: integer('free_above'),
  position: integer('position').notNull().default(0),
})
