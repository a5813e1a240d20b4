import type { FastifyInstance } from 'fastify'
import { CATALOG_TAG } from '../../../modules/catalog/index.ts'
import { catalogFailure } from '../catalog-failure.ts'
import type { PageKit } from '../page-kit.ts'
import { homePage } from '../pages/home-page.ts'

const NEWEST = 12

export const registerHomeRoute = (app: FastifyInstance, kit: PageKit): void => {
  app.get('/', (req, reply) =>
    kit.serve(req, reply, () => ({
      key: 'home',
      tags: [CATALOG_TAG],
      render: async (shell) => {
        const r = await kit.deps.catalog.listProducts({ sort: 'newest', limit: NEWEST, currency: kit.currency })
        if (!r.ok) throw catalogFailure(r.error, 'the newest products')
        return homePage(shell, r.value.products)
      },
    })),
  )
}
