import type { CategoryTree } from '../category-tree.ts'
import type { StaticAssets } from '../static-assets.ts'

/** What every page around the main content needs: store name, absolute origin, category nav, asset URLs. */
export type Shell = {
  readonly storeName: string
  readonly origin: string
  readonly currency: string
  readonly nav: CategoryTree
  readonly assets: StaticAssets
  /** the store sells online (cart and checkout wired): the header links to /cart and product pages have "Add to cart" */
  readonly cart?: boolean
}

/** What a page tells search engines and link previews about itself. */
export type Head = {
  /** the page's own title; the store name is appended */
  readonly title: string
  /** a complete document title set by the merchant (product SEO title), used verbatim */
  readonly fullTitle?: string
  readonly description: string
  /** canonical site path (with query when it matters), e.g. "/c/knitwear" */
  readonly path: string
  readonly ogType?: 'website' | 'product'
  readonly image?: string
  readonly noindex?: boolean
  readonly jsonLd?: readonly Record<string, unknown>[]
}
