/**
 * The sandbox carrier's price list (EUR, minor units). The lane is domestic (same country), eu (both
 * in the EU) or international; the price is a base for the first kilogram plus a step for every
 * further started kilogram. A service is offered only up to its weight limit.
 */
export type Lane = 'domestic' | 'eu' | 'international'
export type ServiceLevel = 'standard' | 'express'
export type Rate = { readonly service: ServiceLevel; readonly amount: number; readonly currency: 'EUR'; readonly estimated_days: number }

type Tariff = { readonly base: number; readonly perKg: number; readonly days: number }
type Service = { readonly maxGrams: number; readonly lanes: Readonly<Record<Lane, Tariff>> }

export const SERVICES: Readonly<Record<ServiceLevel, Service>> = {
  standard: {
    maxGrams: 31_500,
    lanes: {
      domestic: { base: 490, perKg: 100, days: 2 },
      eu: { base: 990, perKg: 150, days: 4 },
      international: { base: 1990, perKg: 400, days: 8 },
    },
  },
  express: {
    maxGrams: 20_000,
    lanes: {
      domestic: { base: 990, perKg: 150, days: 1 },
      eu: { base: 1990, perKg: 250, days: 2 },
      international: { base: 3990, perKg: 600, days: 4 },
    },
  },
}

const EU = new Set('AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE'.split(' '))

export const isServiceLevel = (s: unknown): s is ServiceLevel => s === 'standard' || s === 'express'
export const isCountry = (c: unknown): c is string => typeof c === 'string' && /^[A-Z]{2}$/.test(c)
export const MAX_WEIGHT_GRAMS = 70_000
export const isWeight = (g: unknown): g is number => typeof g === 'number' && Number.isInteger(g) && g >= 1 && g <= MAX_WEIGHT_GRAMS

export const laneOf = (from: string, to: string): Lane => {
  if (from === to) return 'domestic'
  return EU.has(from) && EU.has(to) ? 'eu' : 'international'
}

/** Every service that takes the parcel, cheapest first. */
export const quoteRates = (q: { readonly from: string; readonly to: string; readonly weightGrams: number }): Rate[] => {
  const lane = laneOf(q.from, q.to)
  const extraKg = Math.max(0, Math.ceil(q.weightGrams / 1000) - 1)
  const rates: Rate[] = []
  for (const [service, s] of Object.entries(SERVICES) as [ServiceLevel, Service][]) {
    if (q.weightGrams > s.maxGrams) continue
    const t = s.lanes[lane]
    rates.push({ service, amount: t.base + extraKg * t.perKg, currency: 'EUR', estimated_days: t.days })
  }
  return rates.sort((a, b) => a.amount - b.amount)
}
