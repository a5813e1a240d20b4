import type { FastifyInstance } from 'fastify'
import { CATALOG_TAG } from '../../../modules/catalog/index.ts'
import { catalogFailure, HANDLE } from '../catalog-failure.ts'
import { categoryPath } from '../category-tree.ts'
import { listingParams, parseListingQuery } from '../listing-query.ts'
import { badRequest, notFound, type PageKit } from '../page-kit.ts'
import { categoryPage } from '../pages/category-page.ts'
import { searchPage } from '../pages/search-page.ts'

export const PAGE_SIZE = 24

/** /c/:handle (a category and everything below it) and /search?q= (full-text search). */
export const registerListingRoutes = (app: FastifyInstance, kit: PageKit): void => {
  const { catalog } = kit.deps
  const currency = kit.currency

  app.get<{ Params: { handle: string } }>('/c/:handle', (req, reply) =>
    kit.serve(req, reply, () => {
      const { handle } = req.params
      if (!HANDLE.test(handle)) throw notFound('that category')
      const q = parseListingQuery(req.query, { search: false, currency })
      if (!q.ok) throw badRequest(q.error)
      return {
        key: `c:${handle}?${listingParams(q.value, currency)}`,
        tags: [CATALOG_TAG],
        render: async (shell) => {
          const node = shell.nav.byHandle.get(handle)
          if (!node) throw notFound('that category')
          const r = await catalog.listProducts({ ...q.value, category: node.category.id, limit: PAGE_SIZE, currency })
          if (!r.ok) throw catalogFailure(r.error, 'that category')
          return categoryPage(shell, { node, path: categoryPath(shell.nav, node), query: q.value, page: r.value })
        },
      }
    }),
  )

  app.get('/search', (req, reply) =>
    kit.serve(req, reply, () => {
      const q = parseListingQuery(req.query, { search: true, currency })
      if (!q.ok) throw badRequest(q.error)
      return {
        key: `search?${listingParams(q.value, currency)}`,
        tags: [CATALOG_TAG],
        render: async (shell) => {
          if (!q.value.q) return searchPage(shell, q.value, null)
          const r = await catalog.listProducts({ ...q.value, limit: PAGE_SIZE, currency })
          if (!r.ok) throw catalogFailure(r.error, 'those results')
          return searchPage(shell, q.value, r.value)
        },
      }
    }),
  )
}
