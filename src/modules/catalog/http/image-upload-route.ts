import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { errorBody } from '../../../platform/http/error-body.ts'
import type { CatalogApi } from '../contract.ts'
import type { MediaStore } from '../media/media-store.ts'
import { errorSchema, productSchema } from './schemas.ts'
import { sendCatalogError } from './send-error.ts'
import { UploadBody } from './upload-body.ts'

/** Content types an upload may declare; the bytes decide what it really is. */
export const UPLOAD_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'application/octet-stream']

/**
 * `POST /admin/products/:id/images`: the image file as the raw body (what `fetch(url, { body: file })`
 * sends), its alt text in the query. Stored by content (media/), appended to the product's gallery.
 * 413 `payload_too_large` above MEDIA_MAX_BYTES, 415 for another content type, 422
 * `unsupported_image` when the bytes are not a JPEG, PNG, WebP or GIF image, whatever the header said.
 */
export const registerImageUploadRoute = async (
  root: FastifyInstance,
  d: { readonly catalog: CatalogApi; readonly media: MediaStore; readonly defaultCurrency: string },
) =>
  root.register(async (scope) => {
    const app = scope.withTypeProvider<ZodTypeProvider>()
    app.addContentTypeParser(UPLOAD_TYPES, { parseAs: 'buffer', bodyLimit: d.media.maxBytes }, (req, body, done) => {
      done(null, new UploadBody(body as Buffer, String(req.headers['content-type'] ?? '')))
    })
    app.post(
      '/products/:id/images',
      {
        bodyLimit: d.media.maxBytes,
        schema: {
          tags: ['admin: catalog'],
          security: [{ bearerAuth: [] }],
          summary: 'Upload an image (raw body: JPEG, PNG, WebP or GIF) and append it to the product',
          params: z.object({ id: z.string().min(1).max(64) }),
          querystring: z.object({ alt: z.string().trim().max(300).default('') }),
          response: { 201: z.object({ product: productSchema }), 404: errorSchema, 409: errorSchema, 415: errorSchema, 422: errorSchema },
        },
      },
      async (req, reply) => {
        if (!(req.body instanceof UploadBody)) {
          return reply
            .code(415)
            .send(errorBody('unsupported_media_type', `Send the image file itself as the body, typed one of ${UPLOAD_TYPES.join(', ')}.`))
        }
        const found = await d.catalog.getProduct({ id: req.params.id, currency: d.defaultCurrency, includeDrafts: true })
        if (!found.ok) return sendCatalogError(reply, found.error)
        const stored = await d.media.save(req.body.data())
        if (!stored)
          return reply.code(422).send(
            errorBody('unsupported_image', 'The file is not a JPEG, PNG, WebP or GIF image.', {
              accepted: ['jpeg', 'png', 'webp', 'gif'],
            }),
          )
        const r = await d.catalog.addProductImage(req.params.id, { url: stored.url, alt: req.query.alt })
        return r.ok ? reply.code(201).send({ product: r.value }) : sendCatalogError(reply, r.error)
      },
    )
  })
