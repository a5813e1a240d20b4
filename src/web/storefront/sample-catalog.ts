import type { Category, Product, Variant } from '../../modules/catalog/index.ts'
import { buildCategoryTree } from './category-tree.ts'
import type { Shell } from './views/shell.ts'

/** Small fixtures for the storefront's tests. */
export const sampleVariant = (id: string, amount: number | null, available: number, title = id): Variant => ({
  id,
  sku: `SKU-${id}`,
  title,
  options: { Size: title },
  weight_grams: 100,
  available,
  price: amount === null ? null : { amount, currency: 'EUR' },
  compare_at_price: null,
  prices: [],
})

export const sampleProduct = (over: Partial<Product> = {}): Product => ({
  id: 'prod_1',
  handle: 'wool-hat',
  title: 'Wool Hat',
  description: 'Warm.\n\nHand wash.',
  status: 'published',
  seo: { title: '', description: '' },
  images: [{ url: '/media/placeholder/wool-hat-1.svg', alt: 'Wool Hat, view 1' }],
  category_ids: ['cat_hats'],
  price_range: { min: { amount: 1999, currency: 'EUR' }, max: { amount: 2499, currency: 'EUR' } },
  variants: [sampleVariant('var_s', 1999, 3, 'S'), sampleVariant('var_m', 2499, 40, 'M')],
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
  ...over,
})

const category = (id: string, handle: string, name: string, parent: string | null): Category => ({
  id,
  handle,
  name,
  description: '',
  parent_id: parent,
  position: 0,
})

export const sampleShell = (): Shell => ({
  storeName: 'Test Store',
  origin: 'https://shop.example',
  currency: 'EUR',
  nav: buildCategoryTree([category('cat_app', 'apparel', 'Apparel', null), category('cat_hats', 'hats', 'Hats', 'cat_app')]),
  assets: {
    css: { body: '', etag: '"c"', contentType: 'text/css', href: '/assets/storefront.css?v=c' },
    js: { body: '', etag: '"j"', contentType: 'text/javascript', href: '/assets/storefront.js?v=j' },
  },
})
