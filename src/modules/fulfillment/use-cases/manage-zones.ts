import { err, ok } from '../../../platform/result.ts'
import type { ShippingApi, ShippingZone } from '../contract.ts'
import { idOf, type ShippingDeps } from '../deps.ts'
import { validateOption, validateZone } from '../domain/validate-shipping.ts'
import { defaultShipping } from '../seed/default-zones.ts'
import { allOptions, allZones, insertOption, insertZone, toOption } from '../store/shipping-sql.ts'

export const listZones =
  (d: ShippingDeps): ShippingApi['listZones'] =>
  async () => {
    const [zones, options] = await Promise.all([allZones(d.db.orm), allOptions(d.db.orm)])
    return zones.map(
      (z): ShippingZone => ({
        id: z.id,
        name: z.name,
        countries: z.countries,
        options: options.filter((o) => o.zoneId === z.id).map(toOption),
      }),
    )
  }

export const createZone =
  (d: ShippingDeps): ShippingApi['createZone'] =>
  async (input) => {
    const valid = validateZone(input)
    if (!valid.ok) return valid
    const zone = { id: idOf(d, 'zone'), ...valid.value }
    const taken = await insertZone(d.db.orm, zone)
    if (taken.length > 0) {
      const what = taken.includes('*') ? 'A rest-of-world zone ("*") already exists' : `${taken.join(', ')} already belong to a zone`
      return err({ code: 'FULFILLMENT_COUNTRY_TAKEN', countries: taken, message: `${what}; a country is served by one zone.` })
    }
    return ok({ ...zone, options: [] })
  }

export const createOption =
  (d: ShippingDeps): ShippingApi['createOption'] =>
  async (input) => {
    const valid = validateOption(input)
    if (!valid.ok) return valid
    const row = await insertOption(d.db.orm, idOf(d, 'ship'), valid.value)
    if (!row)
      return err({ code: 'FULFILLMENT_UNKNOWN_ZONE', zoneId: input.zone_id, message: `There is no shipping zone "${input.zone_id}".` })
    return ok(toOption(row))
  }

/**
 * Inserts each default zone unless it exists or one of its countries is already served by another
 * zone, then the options of the zones that exist; nothing already there is changed.
 */
export const seedDefaultZones =
  (d: ShippingDeps): ShippingApi['seedDefaultZones'] =>
  () =>
    d.db.orm.transaction(async (tx) => {
      let zones = 0
      let options = 0
      for (const { zone, options: opts } of defaultShipping()) {
        if ((await insertZone(tx, zone)).length === 0) zones++
        for (const o of opts) if (await insertOption(tx, o.id, o)) options++
      }
      return { zones, options }
    })
