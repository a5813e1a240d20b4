import type { Modules } from '../app.ts'
import { seededId } from '../platform/ids/new-id.ts'
import { DEMO_SEED_TIME as SEED_TIME, generateCatalog } from '../modules/catalog/index.ts'

export const DEMO_LOCATIONS = {
  warehouse: { id: seededId('loc', 1, SEED_TIME), name: 'Main warehouse', serves_storefront: true, is_default: true },
  store: { id: seededId('loc', 2, SEED_TIME), name: 'City store', serves_storefront: true, is_default: false },
} as const

export type SeedResult = { products: number; categories: number; stockLevels: number; ms: number }

/** Loads the deterministic demo catalog; idempotent (what exists is left alone). */
export const seedDemoCatalog = async (
  m: Modules,
  o: { products: number; seed?: number; progress?: (line: string) => void },
): Promise<SeedResult> => {
  const t0 = Date.now()
  const say = o.progress ?? (() => {})
  say(`Generating a demo catalog of ${o.products} products…`)
  const data = generateCatalog({ products: o.products, ...(o.seed !== undefined && { seed: o.seed }) })
  say(`Writing ${data.categories.length} categories and ${data.products.length} products…`)
  const written = await m.catalog.importCatalog({ categories: data.categories, products: data.products })
  await m.inventory.ensureLocation(DEMO_LOCATIONS.warehouse)
  await m.inventory.ensureLocation(DEMO_LOCATIONS.store)
  say(`Stocking ${data.stock.length} variants in ${DEMO_LOCATIONS.warehouse.name} and ${DEMO_LOCATIONS.store.name}…`)
  const levels = data.stock.flatMap((s) => [
    { variant_id: s.variant_id, location_id: DEMO_LOCATIONS.warehouse.id, on_hand: s.warehouse },
    { variant_id: s.variant_id, location_id: DEMO_LOCATIONS.store.id, on_hand: s.store },
  ])
  const stockLevels = await m.inventory.importStock(levels)
  say('Setting default tax rates and shipping zones…')
  await m.tax.seedDefaultRates()
  await m.shipping.seedDefaultZones()
  return { products: written.products, categories: written.categories, stockLevels, ms: Date.now() - t0 }
}
