import { seededId } from '../../../platform/ids/new-id.ts'
import type { Currency } from '../../../platform/money/money.ts'
import type { OptionDraft } from '../domain/validate-shipping.ts'

/** Fixed, so the seeded ids are the same on every store and every run. */
const SEED_TIME = Date.UTC(2025, 0, 1)

type Prices = Record<Currency, readonly [number, number]>

type ZoneDefaults = {
  readonly name: string
  readonly countries: string[]
  /** Standard: [flat amount, free above] */
  readonly standard: Prices
  /** Express: [base amount, per started kg] */
  readonly express: Prices
}

const ZONES: readonly ZoneDefaults[] = [
  {
    name: 'Nordics',
    countries: ['NO', 'SE', 'DK', 'FI', 'IS'],
    standard: { EUR: [590, 5000], USD: [690, 6000], GBP: [490, 4500], NOK: [6900, 59900], SEK: [6900, 59900] },
    express: { EUR: [1490, 200], USD: [1690, 250], GBP: [1290, 180], NOK: [16900, 2500], SEK: [16900, 2500] },
  },
  {
    name: 'Europe',
    countries: [
      'DE',
      'FR',
      'NL',
      'BE',
      'LU',
      'IE',
      'ES',
      'IT',
      'AT',
      'PT',
      'PL',
      'GB',
      'CH',
      'CZ',
      'EE',
      'LV',
      'LT',
      'SK',
      'SI',
      'HR',
      'HU',
      'RO',
      'BG',
      'GR',
      'CY',
      'MT',
    ],
    standard: { EUR: [690, 7500], USD: [790, 8500], GBP: [590, 6500], NOK: [7900, 85000], SEK: [7900, 85000] },
    express: { EUR: [1990, 300], USD: [2190, 350], GBP: [1690, 250], NOK: [22900, 3500], SEK: [22900, 3500] },
  },
  {
    name: 'Rest of world',
    countries: ['*'],
    standard: { EUR: [1490, 15000], USD: [1590, 16000], GBP: [1290, 13000], NOK: [16900, 169000], SEK: [16900, 169000] },
    express: { EUR: [3990, 800], USD: [4290, 900], GBP: [3490, 700], NOK: [44900, 9000], SEK: [44900, 9000] },
  },
]

type ZoneRow = { readonly id: string; readonly name: string; readonly countries: string[] }
type OptionRow = OptionDraft & { readonly id: string }

/** A fixed slot per currency keeps the option ids stable when currencies are added. */
const CURRENCY_SLOT: Record<Currency, number> = { EUR: 0, USD: 1, GBP: 2, NOK: 3, SEK: 4 }

const optionsOf = (zoneId: string, z: ZoneDefaults, zi: number): OptionRow[] =>
  (Object.keys(CURRENCY_SLOT) as Currency[]).flatMap((currency) => {
    const [flat, freeAbove] = z.standard[currency]
    const [base, perKg] = z.express[currency]
    const id = (k: number) => seededId('ship', zi * 100 + CURRENCY_SLOT[currency] * 10 + k, SEED_TIME)
    return [
      { id: id(0), zoneId, name: 'Standard', kind: 'flat', currency, amount: flat, perKg: 0, freeAbove, position: 0 },
      { id: id(1), zoneId, name: 'Express', kind: 'weight', currency, amount: base, perKg, freeAbove: null, position: 1 },
    ]
  })

/** The default zones and their options, with deterministic ids. */
export const defaultShipping = (): { zone: ZoneRow; options: OptionRow[] }[] =>
  ZONES.map((z, i) => {
    const id = seededId('zone', i + 1, SEED_TIME)
    return { zone: { id, name: z.name, countries: z.countries }, options: optionsOf(id, z, i + 1) }
  })
