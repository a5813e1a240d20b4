import { and, asc, eq, sql } from 'drizzle-orm'
import { type Executor, queryRows } from '../../../platform/db/database.ts'
import type { ShippingOption } from '../contract.ts'
import type { OptionRule } from '../domain/quote-shipping.ts'
import type { OptionDraft } from '../domain/validate-shipping.ts'
import { shippingOptions, shippingZones } from '../schema.ts'

type OptionRow = typeof shippingOptions.$inferSelect

export const toOption = (r: OptionRow): ShippingOption => ({
  id: r.id,
  zone_id: r.zoneId,
  name: r.name,
  kind: r.kind,
  currency: r.currency,
  amount: r.amount,
  per_kg: r.perKg,
  free_above: r.freeAbove,
  position: r.position,
})

export const toRule = (r: OptionRow): OptionRule => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  currency: r.currency,
  amount: r.amount,
  perKg: r.perKg,
  freeAbove: r.freeAbove,
  position: r.position,
})

/** The zones that could serve the country: those naming it and the rest-of-world zone. */
export const candidateZones = (db: Executor, country: string) =>
  queryRows<{ id: string; countries: string[] }>(
    db,
    sql`
    select id, countries from fulfillment.zones
    where countries @> jsonb_build_array(${country}::text) or countries @> '["*"]'::jsonb`,
  )

export const optionsOfZone = (db: Executor, zoneId: string, currency: string) =>
  db
    .select()
    .from(shippingOptions)
    .where(and(eq(shippingOptions.zoneId, zoneId), eq(shippingOptions.currency, currency)))

export const optionById = async (db: Executor, id: string): Promise<OptionRow | null> => {
  const [row] = await db.select().from(shippingOptions).where(eq(shippingOptions.id, id))
  return row ?? null
}

export const allZones = (db: Executor) => db.select().from(shippingZones).orderBy(asc(shippingZones.id))
export const allOptions = (db: Executor) =>
  db.select().from(shippingOptions).orderBy(asc(shippingOptions.zoneId), asc(shippingOptions.position), asc(shippingOptions.id))

/**
 * Inserts the zone only if none of its countries (or '*') belongs to a zone yet, in one statement.
 * Returns the countries already taken ([] when inserted).
 */
export const insertZone = async (db: Executor, z: { id: string; name: string; countries: string[] }): Promise<string[]> => {
  const rows = await queryRows<{ taken: string[] }>(
    db,
    sql`
    with wanted as (
      select jsonb_array_elements_text(${JSON.stringify(z.countries)}::jsonb) as c
    ), taken as (
      select distinct w.c from wanted w join fulfillment.zones z on z.countries @> jsonb_build_array(w.c)
    ), ins as (
      insert into fulfillment.zones (id, name, countries)
      select ${z.id}, ${z.name}, ${JSON.stringify(z.countries)}::jsonb where not exists (select 1 from taken)
      returning id
    )
    select coalesce((select jsonb_agg(c order by c) from taken), '[]'::jsonb) as taken`,
  )
  return rows[0]?.taken ?? []
}

/** Inserts the option only if its zone exists (and its id is new), in one statement; null when not. */
export const insertOption = async (db: Executor, id: string, o: OptionDraft): Promise<OptionRow | null> => {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`
    insert into fulfillment.shipping_options (id, zone_id, name, kind, currency, amount, per_kg, free_above, position)
    select ${id}, ${o.zoneId}, ${o.name}, ${o.kind}, ${o.currency}, ${o.amount}, ${o.perKg}, ${o.freeAbove}, ${o.position}
    where exists (select 1 from fulfillment.zones where id = ${o.zoneId})
    on conflict (id) do nothing
    returning id`,
  )
  return rows.length ? optionById(db, id) : null
}
