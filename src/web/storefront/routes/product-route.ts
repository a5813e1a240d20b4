import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { productTag } from '../../../modules/catalog/index.ts'
import { catalogFailure, HANDLE } from '../catalog-failure.ts'
import { badRequest, notFound, type PageKit, PageError } from '../page-kit.ts'
import { pickVariant, productPage } from '../pages/product-page.ts'

const productQuerySchema = z.object({
  variant: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .max(64)
      .regex(/^[A-Za-z0-9_-]+$/)
      .optional(),
  ),
})

/** /p/:handle, optionally ?variant=<id> (the no-JavaScript variant picker); cached per variant. */
export const registerProductRoute = (app: FastifyInstance, kit: PageKit): void => {
  app.get<{ Params: { handle: string } }>('/p/:handle', (req, reply) =>
    kit.serve(req, reply, () => {
      const { handle } = req.params
      if (handle.length > 200 || !HANDLE.test(handle)) throw notFound('that product')
      const query = productQuerySchema.safeParse(req.query ?? {})
      if (!query.success) throw badRequest('The product option in the address is not valid.')
      const variantId = query.data.variant
      return {
        key: `p:${handle}:${variantId ?? ''}`,
        tags: [productTag(handle)],
        render: async (shell) => {
          const r = await kit.deps.catalog.getProduct({ handle, currency: kit.currency })
          if (!r.ok) throw catalogFailure(r.error, 'that product')
          const selected = pickVariant(r.value, variantId)
          if (!selected) {
            throw new PageError(404, 'Option not found', `This option of ${r.value.title} is no longer available.`, {
              href: `/p/${handle}`,
              text: 'See the other options',
            })
          }
          return productPage(shell, r.value, selected)
        },
      }
    }),
  )
}
