import { seededId } from '../../../platform/ids/new-id.ts'
import type { Image, ProductInput } from '../contract.ts'
import type { SeedLeaf } from './build-categories.ts'
import { buildDescription } from './build-description.ts'
import { buildSeo } from './build-seo.ts'
import { buildStockLevels, type StockLevels } from './build-stock.ts'
import { uniqueTitle } from './build-title.ts'
import { buildVariants } from './build-variants.ts'
import { OPTION_SCHEMES } from './option-schemes.ts'
import { PRICE_ENDINGS } from './pricing.ts'
import { createRng, mixSeed, type Rng } from './prng.ts'
import { slugify } from './slugify.ts'

export const DRAFT_SHARE = 0.01
const YEAR_SECONDS = 365 * 24 * 60 * 60

/** What the generator carries from one product to the next (mutated as products are built). */
export type CatalogState = {
  readonly seed: number
  readonly seedTime: number
  readonly takenHandles: Set<string>
  readonly takenSeconds: Set<number>
  variantCount: number
}

export type BuiltProduct = {
  readonly product: ProductInput
  readonly stock: (StockLevels & { readonly variant_id: string })[]
}

const buildImages = (handle: string, title: string, count: number): Image[] =>
  Array.from({ length: count }, (_, i) => ({
    url: `/media/placeholder/${handle}-${i + 1}.svg`,
    alt: `${title}, view ${i + 1}`,
  }))

/** A distinct whole second within the year before seedTime. */
const createdAt = (state: CatalogState, rng: Rng): string => {
  let s = rng.int(0, YEAR_SECONDS - 1)
  while (state.takenSeconds.has(s)) s = (s + 1) % YEAR_SECONDS
  state.takenSeconds.add(s)
  return new Date(state.seedTime - (YEAR_SECONDS - s) * 1000).toISOString()
}

/** Product number `n` (from 1) in `leaf`. Each product draws from its own random stream. */
export const buildProduct = (leaf: SeedLeaf, n: number, state: CatalogState): BuiltProduct => {
  const rng = createRng(mixSeed(state.seed, n))
  const { vocab } = leaf
  const title = uniqueTitle(vocab, state.takenHandles, rng)
  const handle = slugify(title)
  const description = buildDescription(vocab, title, rng)
  const variants = buildVariants(
    OPTION_SCHEMES[vocab.scheme],
    {
      skuBase: `${leaf.skuPrefix}-${String(n).padStart(6, '0')}`,
      baseEuros: rng.int(vocab.priceEur[0], vocab.priceEur[1]),
      ending: rng.pick(PRICE_ENDINGS),
      baseWeightGrams: rng.int(vocab.weightGrams[0], vocab.weightGrams[1]),
      nextVariantId: () => seededId('var', ++state.variantCount, state.seedTime),
    },
    rng,
  )
  const product: ProductInput = {
    id: seededId('prod', n, state.seedTime),
    handle,
    title,
    description,
    status: rng.chance(DRAFT_SHARE) ? 'draft' : 'published',
    seo: buildSeo(title, description),
    images: buildImages(handle, title, rng.int(1, 3)),
    category_ids: [leaf.id],
    variants,
    created_at: createdAt(state, rng),
  }
  return { product, stock: variants.map((v) => ({ variant_id: v.id, ...buildStockLevels(rng) })) }
}
