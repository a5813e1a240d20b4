// Shapes of the catalog and promotions admin API as the product and promotion pages use them.
import type { Money } from '../format.ts'

export const CURRENCIES = ['EUR', 'USD', 'GBP', 'NOK', 'SEK'] as const

export type Image = { url: string; alt: string }
export type VariantFull = {
  id: string
  sku: string
  title: string
  options: Record<string, string>
  price: Money | null
  prices: Money[]
  weight_grams: number
  available: number
}
export type ProductFull = {
  id: string
  handle: string
  title: string
  description: string
  status: 'published' | 'draft'
  images: Image[]
  category_ids: string[]
  price_range: { min: Money; max: Money } | null
  variants: VariantFull[]
  updated_at: string
}
export type ProductPage = { products: ProductFull[]; next_cursor: string | null }
export type Category = { id: string; handle: string; name: string; parent_id: string | null }

export type Promotion = {
  id: string
  code: string | null
  name: string
  kind: 'percentage' | 'fixed' | 'free_shipping'
  value: number
  currency: string | null
  min_subtotal: number
  starts_at: string | null
  ends_at: string | null
  usage_limit: number | null
  per_customer_limit: number | null
  times_used: number
  active: boolean
  created_at: string
}

/** "19.90" or "19,90" → 1990 minor units; null when it is not an amount. */
export const minorUnits = (s: string): number | null => {
  const t = s.trim().replace(',', '.')
  if (!/^\d+(\.\d{1,2})?$/.test(t)) return null
  const n = Math.round(Number(t) * 100)
  return Number.isSafeInteger(n) ? n : null
}
export const majorUnits = (n: number): string => (n / 100).toFixed(2)

/** "Size=M, Colour=Blue" ↔ { Size: 'M', Colour: 'Blue' } */
export const parseOptions = (s: string): Record<string, string> =>
  Object.fromEntries(
    s
      .split(',')
      .map((p) => p.split('=').map((x) => x.trim()))
      .filter((p): p is [string, string] => p.length === 2 && p[0] !== '' && p[1] !== ''),
  )
export const formatOptions = (o: Record<string, string>): string =>
  Object.entries(o)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ')
