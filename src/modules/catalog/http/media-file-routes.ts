import type { FastifyPluginAsync } from 'fastify'
import { type MediaStore, MEDIA_URL_PREFIX } from '../media/media-store.ts'

const YEAR = 'public, max-age=31536000, immutable'

/**
 * `GET /media/uploads/:file`: uploaded product images, public and read-only. A name is its
 * content's hash, so the answer never changes: cached for a year, ETag for revalidation,
 * nosniff and a CSP that forbids everything, so a stored file can only ever be an image.
 */
export const mediaFileRoutes =
  (media: MediaStore): FastifyPluginAsync =>
  async (app) => {
    app.get<{ Params: { file: string } }>(`${MEDIA_URL_PREFIX}:file`, async (req, reply) => {
      const f = await media.read(req.params.file)
      if (!f) return reply.code(404).type('text/plain; charset=utf-8').header('cache-control', 'no-store').send('Not found')
      reply
        .header('etag', f.etag)
        .header('cache-control', YEAR)
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'")
      if (req.headers['if-none-match']?.split(',').some((t) => t.trim().replace(/^W\//, '') === f.etag)) return reply.code(304).send()
      return reply.type(f.contentType).send(f.body)
    })
  }
