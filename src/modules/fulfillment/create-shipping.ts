import type { ShippingApi } from './contract.ts'
import type { ShippingDeps } from './deps.ts'
import { createOption, createZone, listZones, seedDefaultZones } from './use-cases/manage-zones.ts'
import { getQuote, quoteOptions } from './use-cases/quote.ts'

export const createShipping = (d: ShippingDeps): ShippingApi => ({
  quoteOptions: quoteOptions(d),
  getQuote: getQuote(d),
  listZones: listZones(d),
  createZone: createZone(d),
  createOption: createOption(d),
  seedDefaultZones: seedDefaultZones(d),
})
