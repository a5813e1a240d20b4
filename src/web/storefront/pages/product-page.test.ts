import { expect, test } from 'vitest'
import { sampleProduct, sampleShell, sampleVariant } from '../sample-catalog.ts'
import { pickVariant, productPage } from './product-page.ts'

test('picks the requested variant, else the first in stock; an unknown id gives null', () => {
  const p = sampleProduct({ variants: [sampleVariant('var_a', 100, 0), sampleVariant('var_b', 100, 9)] })
  expect(pickVariant(p, undefined)?.id).toBe('var_b')
  expect(pickVariant(p, 'var_a')?.id).toBe('var_a')
  expect(pickVariant(p, 'var_zz')).toBeNull()
})

test('shows the selected variant, a no-JS picker, and only data scripts inline', () => {
  const p = sampleProduct()
  const page = productPage(sampleShell(), p, p.variants[0] ?? sampleVariant('x', 1, 1))
  expect(page).toContain('data-v="price">€19.99<')
  expect(page).toContain('data-v="stock">Only 3 left<')
  expect(page).toContain('data-v="sku">SKU-var_s<')
  expect(page).toMatch(/<form class="picker" method="get" action="\/p\/wool-hat"/)
  expect(page).toMatch(/value="var_s" checked/)
  expect(page.match(/<h1[ >]/g)).toHaveLength(1)
  expect(page).toContain('<link rel="canonical" href="https://shop.example/p/wool-hat">')
  expect(page).toContain('<meta property="og:image" content="https://shop.example/media/placeholder/wool-hat-1.svg">')
  const scripts = page.match(/<script[^>]*>/g) ?? []
  for (const s of scripts) expect(s).toMatch(/type="application\/(ld\+)?json"|type="module" src="\/assets\/storefront\.js/)
  expect(page).not.toMatch(/\son[a-z]+=|style=/i)
})
