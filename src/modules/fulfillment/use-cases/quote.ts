import { err, ok } from '../../../platform/result.ts'
import type { QuoteInput, ShippingApi } from '../contract.ts'
import type { ShippingDeps } from '../deps.ts'
import { quoteShipping, zoneFor } from '../domain/quote-shipping.ts'
import { candidateZones, optionById, optionsOfZone, toRule } from '../store/shipping-sql.ts'

const place = (i: QuoteInput) => ({ country: i.country.trim().toUpperCase(), currency: i.currency.trim().toUpperCase() })

/** The option rules that serve a country in a currency (two queries; the caller may keep them a while). */
export const rulesFor = async (d: ShippingDeps, country: string, currency: string) => {
  const zone = zoneFor(await candidateZones(d.db.orm, country), country)
  return zone ? (await optionsOfZone(d.db.orm, zone.id, currency)).map(toRule) : []
}

export const quoteOptions =
  (rules: (country: string, currency: string) => ReturnType<typeof rulesFor>): ShippingApi['quoteOptions'] =>
  async (input) => {
    const { country, currency } = place(input)
    return quoteShipping(await rules(country, currency), { currency, subtotal: input.subtotal, weightGrams: input.weightGrams })
  }

export const getQuote =
  (d: ShippingDeps): ShippingApi['getQuote'] =>
  async (input) => {
    const { country, currency } = place(input)
    const [option, zones] = await Promise.all([optionById(d.db.orm, input.optionId), candidateZones(d.db.orm, country)])
    if (!option) {
      return err({
        code: 'FULFILLMENT_UNKNOWN_OPTION',
        optionId: input.optionId,
        message: `There is no shipping option "${input.optionId}".`,
      })
    }
    const zone = zoneFor(zones, country)
    const [quote] =
      zone?.id === option.zoneId
        ? quoteShipping([toRule(option)], { currency, subtotal: input.subtotal, weightGrams: input.weightGrams })
        : []
    if (!quote) {
      return err({
        code: 'FULFILLMENT_OPTION_NOT_AVAILABLE',
        optionId: option.id,
        country,
        currency,
        message:
          zone?.id === option.zoneId ? `"${option.name}" is not offered in ${currency}.` : `"${option.name}" does not ship to ${country}.`,
      })
    }
    return ok(quote)
  }
