import type { ShipmentItem } from '../schema.ts'

export type PlannedParcel = { readonly locationId: string; readonly items: ShipmentItem[]; readonly units: number }

type Line = { readonly id: string; readonly variant_id: string; readonly sku: string; readonly title: string; readonly quantity: number }
type Held = { readonly variant_id: string; readonly location_id: string; readonly quantity: number }

/**
 * One parcel per stock location the order's committed reservations come from (a split shipment
 * when they span several), each holding the order lines, or parts of them, reserved there.
 * Locations in id order, so every delivery of an event plans the same parcels.
 */
export const planShipments = (lines: readonly Line[], held: readonly Held[]): PlannedParcel[] => {
  const left = new Map(lines.map((l) => [l.id, l.quantity]))
  const parcels: PlannedParcel[] = []
  const locations = [...new Set(held.map((h) => h.location_id))].sort()
  for (const locationId of locations) {
    const items: ShipmentItem[] = []
    for (const h of held.filter((x) => x.location_id === locationId)) {
      let units = h.quantity
      for (const line of lines.filter((l) => l.variant_id === h.variant_id)) {
        const take = Math.min(units, left.get(line.id) ?? 0)
        if (take <= 0) continue
        left.set(line.id, (left.get(line.id) ?? 0) - take)
        units -= take
        const same = items.find((i) => i.item_id === line.id)
        if (same) items[items.indexOf(same)] = { ...same, quantity: same.quantity + take }
        else items.push({ item_id: line.id, variant_id: line.variant_id, sku: line.sku, title: line.title, quantity: take })
      }
    }
    if (items.length > 0) parcels.push({ locationId, items, units: items.reduce((n, i) => n + i.quantity, 0) })
  }
  return parcels
}

/** Items carry no weight yet: a parcel is estimated at this much per unit. */
export const GRAMS_PER_UNIT = 500
const MAX_STANDARD_GRAMS = 31_500
const MAX_EXPRESS_GRAMS = 20_000

export const parcelGrams = (units: number): number => Math.min(MAX_STANDARD_GRAMS, Math.max(1, units * GRAMS_PER_UNIT))

/** The carrier service for the shipping option the shopper chose: express when its name says so and the parcel allows. */
export const serviceFor = (optionName: string | undefined, grams: number): 'standard' | 'express' =>
  /express/i.test(optionName ?? '') && grams <= MAX_EXPRESS_GRAMS ? 'express' : 'standard'
