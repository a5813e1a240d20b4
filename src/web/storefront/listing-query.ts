import { z } from 'zod'
import type { CatalogApi, ProductSort } from '../../modules/catalog/index.ts'
import { err, ok, type Result } from '../../platform/result.ts'
import { toMajorText, toMinorUnits } from './money-text.ts'

/** One page of products as listProducts returns it. */
export type ProductPage = Extract<Awaited<ReturnType<CatalogApi['listProducts']>>, { ok: true }>['value']

/** An empty form field means "not set". */
const blank = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema)

const SORTS = ['relevance', 'newest', 'price_asc', 'price_desc'] as const

/** The query string of category and search pages; repeated or oversized parameters fail. */
export const listingQuerySchema = z.object({
  q: z.string().max(200).optional(),
  sort: blank(z.enum(SORTS).optional()),
  min: blank(z.string().max(20).optional()),
  max: blank(z.string().max(20).optional()),
  cursor: blank(
    z
      .string()
      .max(512)
      .regex(/^[A-Za-z0-9_-]+$/)
      .optional(),
  ),
})

/** What a listing page asks the catalog for; prices in minor units. */
export type ListingQuery = {
  readonly q?: string
  readonly sort?: ProductSort
  readonly priceMin?: number
  readonly priceMax?: number
  readonly cursor?: string
}

const price = (text: string | undefined, currency: string, label: string): Result<number | undefined, string> => {
  if (text === undefined) return ok(undefined)
  const minor = toMinorUnits(text, currency)
  return minor === null ? err(`The ${label} price "${text}" is not a valid amount.`) : ok(minor)
}

/** Validates a listing query; category pages have no relevance order. The error is a message for the 400 page. */
export const parseListingQuery = (
  raw: unknown,
  o: { readonly search: boolean; readonly currency: string },
): Result<ListingQuery, string> => {
  const parsed = listingQuerySchema.safeParse(raw ?? {})
  if (!parsed.success) return err('Some search or filter settings in the address are not valid.')
  const { q, sort, min, max, cursor } = parsed.data
  if (sort === 'relevance' && !o.search) return err('This sort order is only available for search results.')
  const priceMin = price(min, o.currency, 'minimum')
  if (!priceMin.ok) return priceMin
  const priceMax = price(max, o.currency, 'maximum')
  if (!priceMax.ok) return priceMax
  const words = o.search ? q?.replace(/\s+/g, ' ').trim() : undefined
  return ok({
    ...(words && { q: words }),
    ...(sort && { sort }),
    ...(priceMin.value !== undefined && { priceMin: priceMin.value }),
    ...(priceMax.value !== undefined && { priceMax: priceMax.value }),
    ...(cursor && { cursor }),
  })
}

/** The query as URL parameters (prices back in major units), in a fixed order: used for links and cache keys. */
export const listingParams = (q: ListingQuery, currency: string, override: Partial<ListingQuery> = {}): URLSearchParams => {
  const v = { ...q, ...override }
  const p = new URLSearchParams()
  if (v.q) p.set('q', v.q)
  if (v.sort) p.set('sort', v.sort)
  if (v.priceMin !== undefined) p.set('min', toMajorText(v.priceMin, currency))
  if (v.priceMax !== undefined) p.set('max', toMajorText(v.priceMax, currency))
  if (v.cursor) p.set('cursor', v.cursor)
  return p
}

/** A link to this listing with some settings changed; `cursor: undefined` in the override drops it. */
export const listingHref = (path: string, q: ListingQuery, currency: string, override: Partial<ListingQuery> = {}): string => {
  const params = listingParams(q, currency, override).toString()
  return params ? `${path}?${params}` : path
}
