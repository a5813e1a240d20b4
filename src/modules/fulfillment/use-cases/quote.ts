import { err, ok } from '../../../platform/result.ts'
import type { QuoteInput, ShippingApi } from '../contract.ts'
import type { ShippingDeps } from '../deps.ts'
import { quoteShipping, zoneFor } from '../domain/quote-shipping.ts'
import { candidateZones, optionById, optionsOfZone, toRule } from '../store/shipping-sql.ts'

const place = (i: QuoteInput) => ({ country: i.country.trim().toUpperCase(), currency: i.currency.trim().toUpperCase() })

export const quoteOptions =
  (d: ShippingDeps): ShippingApi['quoteOptions'] =>
  async (input) => {
    const { country, currency } = place(input)
    const zone = zoneFor(await candidateZones(d.db.orm, country), country)
    if (!zone) return []
    const options = await optionsOfZone(d.db.orm, zone.id, currency)
    return quoteShipping(options.map(toRule), { currency, subtotal: input.subtotal, weightGrams: input.weightGrams })
  }

export const getQuote =
  (d: ShippingDeps): ShippingApi['getQuote'] =>
  async (input) => {
    const { country, currency } = place(input)
    const [option, zones] = await Promise.all([optionById(d.db.orm, input.optionId), candidateZones(d.db.orm, country)])
    if (!option) {
      return err({ code: 'FULFILLMENT_UNKNOWN_OPTION', optionId: input.optionId, message: `There is no shipping option "${input.optionId}".` })
    }
    const zone = zoneFor(zones, country)
    const [quote] = zone?.id === option.zoneId ? quoteShipping([toRule(option)], { currency, subtotal: input.subtotal, weightGrams: input.weightGrams }) : []
    if (!quote) {
      return err({
        code: 'FULFILLMENT_OPTION_NOT_AVAILABLE', optionId: option.id, country, currency,
        message: zone?.id === option.zoneId ? `"${option.name}" is not offered in ${currency}.` : `"${option.name}" does not ship to ${country}.`,
      })
    }
    return ok(quote)
  }
