import type { FastifyPluginAsync, preHandlerHookHandler } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { CatalogApi } from '../contract.ts'
import {
  categoryInputSchema,
  categorySchema,
  currencySchema,
  errorSchema,
  listQuerySchema,
  productInputSchema,
  productPageSchema,
  productPatchSchema,
  productSchema,
  variantInputSchema,
  variantPatchSchema,
} from './schemas.ts'
import type { MediaStore } from '../media/media-store.ts'
import { registerImageUploadRoute } from './image-upload-route.ts'
import { registerPriceScheduleRoutes } from './price-schedule-routes.ts'
import { sendCatalogError } from './send-error.ts'

export type AdminRoutesDeps = {
  readonly catalog: CatalogApi
  readonly requireStaff: preHandlerHookHandler
  readonly defaultCurrency: string
  /** where uploaded product images are stored (MEDIA_DIR) */
  readonly media: MediaStore
}

const idParams = z.object({ id: z.string().min(1).max(64) })
const productReply = {
  200: z.object({ product: productSchema }),
  201: z.object({ product: productSchema }),
  404: errorSchema,
  409: errorSchema,
  422: errorSchema,
}
const security = [{ bearerAuth: [] }]

export const catalogAdminRoutes =
  (d: AdminRoutesDeps): FastifyPluginAsync =>
  async (root) => {
    const app = root.withTypeProvider<ZodTypeProvider>()
    // before validation, so a request without a valid token gets 401 whatever its body
    app.addHook('preValidation', d.requireStaff)
    const tags = ['admin: catalog']

    app.get(
      '/products',
      {
        schema: {
          tags,
          security,
          summary: 'List products, drafts included',
          querystring: listQuerySchema,
          response: { 200: productPageSchema, 400: errorSchema },
        },
      },
      async (req, reply) => {
        const q = req.query
        const r = await d.catalog.listProducts({
          ...(q.q !== undefined && { q: q.q }),
          ...(q.category && { category: q.category }),
          ...(q.sort && { sort: q.sort }),
          ...(q.cursor && { cursor: q.cursor }),
          limit: q.limit,
          currency: q.currency ?? d.defaultCurrency,
          includeDrafts: true,
        })
        return r.ok ? r.value : sendCatalogError(reply, r.error)
      },
    )

    app.get(
      '/products/:id',
      {
        schema: {
          tags,
          security,
          summary: 'One product by id',
          params: idParams,
          querystring: z.object({ currency: currencySchema.optional() }),
          response: productReply,
        },
      },
      async (req, reply) => {
        const r = await d.catalog.getProduct({ id: req.params.id, currency: req.query.currency ?? d.defaultCurrency, includeDrafts: true })
        return r.ok ? { product: r.value } : sendCatalogError(reply, r.error)
      },
    )

    app.post(
      '/products',
      {
        schema: {
          tags,
          security,
          summary: 'Create a product with its variants and prices',
          body: productInputSchema,
          response: productReply,
        },
      },
      async (req, reply) => {
        const r = await d.catalog.createProduct(req.body)
        return r.ok ? reply.code(201).send({ product: r.value }) : sendCatalogError(reply, r.error)
      },
    )

    app.patch(
      '/products/:id',
      {
        schema: { tags, security, summary: 'Change product fields', params: idParams, body: productPatchSchema, response: productReply },
      },
      async (req, reply) => {
        const r = await d.catalog.updateProduct(req.params.id, req.body)
        return r.ok ? { product: r.value } : sendCatalogError(reply, r.error)
      },
    )

    app.delete(
      '/products/:id',
      {
        schema: {
          tags,
          security,
          summary: 'Delete a product and its variants',
          params: idParams,
          response: { 200: z.object({ id: z.string(), deleted: z.literal(true) }), 404: errorSchema },
        },
      },
      async (req, reply) => {
        const r = await d.catalog.deleteProduct(req.params.id)
        return r.ok ? { id: r.value.id, deleted: true as const } : sendCatalogError(reply, r.error)
      },
    )

    app.post(
      '/products/:id/variants',
      {
        schema: { tags, security, summary: 'Add a variant', params: idParams, body: variantInputSchema, response: productReply },
      },
      async (req, reply) => {
        const r = await d.catalog.addVariant(req.params.id, req.body)
        return r.ok ? reply.code(201).send({ product: r.value }) : sendCatalogError(reply, r.error)
      },
    )

    app.patch(
      '/variants/:id',
      {
        schema: {
          tags,
          security,
          summary: 'Change a variant: SKU, title, options, prices',
          params: idParams,
          body: variantPatchSchema,
          response: productReply,
        },
      },
      async (req, reply) => {
        const r = await d.catalog.updateVariant(req.params.id, req.body)
        return r.ok ? { product: r.value } : sendCatalogError(reply, r.error)
      },
    )

    app.delete(
      '/variants/:id',
      {
        schema: { tags, security, summary: 'Delete a variant (not the last one)', params: idParams, response: productReply },
      },
      async (req, reply) => {
        const r = await d.catalog.deleteVariant(req.params.id)
        return r.ok ? { product: r.value } : sendCatalogError(reply, r.error)
      },
    )

    app.get(
      '/categories',
      {
        schema: { tags, security, summary: 'All categories', response: { 200: z.object({ categories: z.array(categorySchema) }) } },
      },
      async () => ({ categories: [...(await d.catalog.listCategories())] }),
    )

    app.post(
      '/categories',
      {
        schema: {
          tags,
          security,
          summary: 'Create a category',
          body: categoryInputSchema,
          response: { 201: z.object({ category: categorySchema }), 409: errorSchema, 422: errorSchema },
        },
      },
      async (req, reply) => {
        const r = await d.catalog.createCategory(req.body)
        return r.ok ? reply.code(201).send({ category: r.value }) : sendCatalogError(reply, r.error)
      },
    )

    registerPriceScheduleRoutes(app, d.catalog)
    await registerImageUploadRoute(app, d)
  }
